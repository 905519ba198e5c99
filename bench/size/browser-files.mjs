// What a browser loads from the package to run the first validateInvite: the modules that
// lib/browser.mjs imports statically, followed file by file (dynamic import() calls are left
// out: they load later, if ever), and the browser build's .wasm that init() fetches. Paths are
// relative to pkg/.
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s*"(\.{1,2}\/[^"]+)"|^\s*import\s*"(\.{1,2}\/[^"]+)"/gm;

export const BROWSER_ENTRY = "lib/browser.mjs";
export const BROWSER_WASM = "gen/browser/smart_invite_bg.wasm";

/** The JS files `lib/browser.mjs` loads (itself first), then the .wasm. */
export function browserFiles(pkgDir) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(pkgDir, file), "utf8");
    for (const m of text.matchAll(STATIC_IMPORT)) visit(normalize(join(dirname(file), m[1] ?? m[2])));
  };
  visit(BROWSER_ENTRY);
  return [...seen, BROWSER_WASM];
}
