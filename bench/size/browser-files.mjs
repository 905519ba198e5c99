// What a browser loads from the package to run the first validateInvite: the package's
// `browser` entry (package.json exports) and the modules it imports statically, followed file
// by file (dynamic import() calls are left out: they load later, if ever), and the browser
// build's .wasm that init() fetches. Paths are relative to pkg/.
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

// `… from "./x.mjs"` (also minified, `}from"./x.mjs"`) and `import "./x.mjs"`, not `import("…")`.
const STATIC_IMPORT = /\bfrom\s*"(\.{1,2}\/[^"]+)"|\bimport\s*"(\.{1,2}\/[^"]+)"/g;

export const BROWSER_WASM = "gen/browser/smart_invite_bg.wasm";

/** The JS files the `browser` entry loads (itself first), then the .wasm. */
export function browserFiles(pkgDir) {
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const { browser } = manifest.exports["."];
  const entry = normalize(typeof browser === "string" ? browser : browser.default);
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(pkgDir, file), "utf8");
    for (const m of text.matchAll(STATIC_IMPORT)) visit(normalize(join(dirname(file), m[1] ?? m[2])));
  };
  visit(entry);
  return [...seen, BROWSER_WASM];
}
