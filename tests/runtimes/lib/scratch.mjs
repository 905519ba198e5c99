// The scratch project every runtime test uses: the package as `npm pack` makes it, installed
// from the tarball into a temporary folder (so a file missing from `files` fails the tests),
// with the smoke harnesses and README snippets copied beside it.
// `node tests/runtimes/lib/scratch.mjs` makes one and prints its path; the Makefile passes it
// to every test file as SMART_INVITE_SCRATCH so the package is packed and installed once.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixturesModule } from "./fixtures.mjs";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
// SMART_INVITE_PKG_DIR points the tests at another build of the package (only for trying things).
export const PKG_DIR = process.env.SMART_INVITE_PKG_DIR ?? join(ROOT, "pkg");
const HERE = fileURLToPath(new URL("../", import.meta.url));

/** A tool installed by the root package.json (bun, deno, workerd, wrangler, esbuild, vite). */
export const bin = (name) => join(ROOT, "node_modules", ".bin", name);

/**
 * The scratch project: SMART_INVITE_SCRATCH when the Makefile made one, else a fresh one that
 * `dispose()` removes again. Returns { dir, dispose }.
 */
export function scratchProject() {
  const given = process.env.SMART_INVITE_SCRATCH;
  if (given) {
    if (!existsSync(join(given, "node_modules", "smart-invite", "package.json"))) {
      throw new Error(`SMART_INVITE_SCRATCH=${given} holds no installed smart-invite package`);
    }
    return { dir: given, dispose() {} };
  }
  const dir = makeScratchProject();
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Packs pkg/ (or `pkgDir`), installs the tarball into a new temporary folder and copies the harnesses. */
export function makeScratchProject(pkgDir = PKG_DIR) {
  if (!existsSync(join(pkgDir, "package.json"))) {
    throw new Error(`${pkgDir}/package.json is missing: run \`make pkg\` first`);
  }
  const dir = mkdtempSync(join(tmpdir(), "smart-invite-runtimes-"));
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], pkgDir));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "smart-invite-scratch", private: true, type: "module" }, null, 2),
  );
  // --prefer-offline: the package has no dependency, so the tarball is all npm installs; what it
  // would need npm's cache may lack comes from the registry, never from the cache alone.
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", `./${packed[0].filename}`], dir);
  for (const folder of ["smoke", "snippets"]) cpSync(join(HERE, folder), join(dir, folder), { recursive: true });
  writeFileSync(join(dir, "smoke", "fixtures.mjs"), fixturesModule());
  return dir;
}

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(makeScratchProject());
