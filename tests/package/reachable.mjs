// Which files of an installed package can be reached: from package.json's exports, imports, bin,
// main and types, then from each module's imports (static, dynamic, require, `import source`,
// `new URL(…, import.meta.url)`) and each declaration file's imports. npm always packs the
// README and the license files, which are reached by being read.

import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

const SPECIFIERS = [
  /\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\bnew URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
];

/** Every string at the leaves of a package.json field (exports, imports, bin, typesVersions). */
function leaves(value) {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(leaves);
}

/** A declaration file's import of "./x.js" means "./x.d.ts"; of "./x.cjs", "./x.d.cts". */
const declarationOf = (path) =>
  path
    .replace(/\.js$/, ".d.ts")
    .replace(/\.cjs$/, ".d.cts")
    .replace(/\.mjs$/, ".d.mts");

/**
 * @param {string} dir the installed package
 * @param {string[]} files the tarball's file list (paths relative to the package)
 * @returns {{ reached: Set<string>, unreachable: string[], missing: string[] }}
 */
export function reachability(dir, files) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const packed = new Set(files);
  const reached = new Set();
  const missing = new Set();
  const queue = [];
  const reach = (path) => {
    const file = normalize(path).replace(/^\.\//, "");
    if (reached.has(file)) return;
    reached.add(file);
    if (!packed.has(file)) missing.add(file);
    else queue.push(file);
  };
  reach("package.json");
  for (const file of files) if (/^(readme|license|licence)/i.test(file)) reach(file);
  for (const field of ["exports", "imports", "bin", "main", "types", "typesVersions"]) {
    for (const target of leaves(manifest[field])) if (target.startsWith("./") && !target.includes("*")) reach(target);
  }
  while (queue.length > 0) {
    const file = queue.pop();
    if (!/\.(m?js|cjs|d\.c?ts)$/.test(file)) continue;
    // Block comments and whole-line comments out: examples in doc comments import nothing.
    const text = readFileSync(join(dir, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    const declaration = /\.d\.c?ts$/.test(file);
    for (const pattern of SPECIFIERS) {
      for (const [, specifier] of text.matchAll(pattern)) {
        if (specifier.startsWith("#")) {
          for (const target of leaves(manifest.imports?.[specifier])) reach(target);
        } else if (specifier.startsWith(".")) {
          const target = join(dirname(file), specifier);
          reach(declaration ? declarationOf(target) : target);
        }
      }
    }
  }
  return {
    reached,
    unreachable: files.filter((file) => !reached.has(file)).sort(),
    missing: [...missing].sort(),
  };
}
