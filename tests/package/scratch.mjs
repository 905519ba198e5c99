// Helpers for the packaging tests: pack pkg/ with `npm pack`, install the tarball into a scratch
// project under the system temp folder, and run things there the way a user would.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const seed = JSON.parse(readFileSync(join(root, "tests/fixtures/seed-request.json"), "utf8"));

const npm = (args, cwd) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });

/**
 * Installs into a scratch project with `--prefer-offline`: what npm's cache holds is used, and
 * what it lacks comes from the registry. Never `--offline`: the root `npm ci` caches tarballs
 * but not the registry metadata an install by name or range needs, so an empty or cold cache
 * would fail it.
 */
export const npmInstall = (args, cwd) => npm(["install", "--prefer-offline", ...args], cwd);

/** The versions the root lockfile resolved for `names` (`name@version` each), so a scratch
 * project installs the very packages the repository tests with. */
export function lockedVersions(names) {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  return names.map((name) => {
    const version = lock.packages[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`package-lock.json resolves no ${name}: run npm install at the root`);
    return `${name}@${version}`;
  });
}

/** Packs a package folder into `dir`; returns what `npm pack --json` says of it (filename, size, files…). */
export function pack(pkgDir, dir) {
  return JSON.parse(npm(["pack", pkgDir, "--pack-destination", dir, "--json"], dir))[0];
}

/** Packs pkg/ and installs the tarball into a fresh project; returns its folder and the file list. */
export function packAndInstall() {
  const dir = mkdtempSync(join(tmpdir(), "smart-invite-pkg-"));
  const packed = pack(join(root, "pkg"), dir);
  const project = join(dir, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  npmInstall([join(dir, packed.filename)], project);
  return {
    project,
    tarball: join(dir, packed.filename),
    files: packed.files.map((f) => f.path),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes `source` to `file` in the project and runs it with node; returns { status, stdout, stderr }. */
export function runNode(project, file, source, flags = []) {
  writeFileSync(join(project, file), source);
  return spawnSync(process.execPath, [...flags, file], { cwd: project, encoding: "utf8" });
}

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    module: "nodenext",
    moduleResolution: "nodenext",
    target: "es2022",
    lib: ["es2022", "dom"],
    types: [],
    noEmit: true,
    skipLibCheck: false,
  },
};

/** Runs tsc --strict over `files` of the project `dir`; returns { status, stdout, stderr }. */
export function tsc(dir, files) {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...TSCONFIG, files }));
  return spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
    cwd: dir,
    encoding: "utf8",
  });
}
