// `make bench-footprint`: what `npm install` brings into a fresh project, for the packed
// package (or BEFORE_PKG, another build's pkg/ folder, beside it), zod and the official cronofy
// SDK: the packages installed and the KB they hold on disk. Each is installed alone into its own
// empty project; the registry answers for the peers (npm's cache may serve them).

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const npm = (args, cwd) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
/** The version of `name` that the repository's lockfile holds, so every run compares the same peers. */
const locked = (name) =>
  JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")).packages[`node_modules/${name}`].version;

/** Bytes of every file under `dir`. */
function bytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Installs `spec` into a fresh project: the packages under node_modules and their bytes. */
function install(spec) {
  const dir = mkdtempSync(join(tmpdir(), "smart-invite-footprint-"));
  try {
    npm(["init", "-y"], dir);
    npm(["install", "--prefer-offline", spec], dir);
    const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
    const packages = Object.keys(lock.packages).filter((path) => path.startsWith("node_modules/")).length;
    return { packages, bytes: bytes(join(dir, "node_modules")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Packs a pkg/ folder into a temporary folder; returns the tarball's path. */
function pack(pkgDir) {
  const dir = mkdtempSync(join(tmpdir(), "smart-invite-pack-"));
  const [packed] = JSON.parse(npm(["pack", pkgDir, "--pack-destination", dir, "--json"], dir));
  return { tarball: join(dir, packed.filename), packed, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

const rows = [];
const builds = [["smart-invite", join(root, "pkg")]];
if (process.env.BEFORE_PKG) builds.push([`smart-invite (${process.env.BEFORE_PKG})`, process.env.BEFORE_PKG]);
for (const [name, dir] of builds) {
  const { tarball, packed, dispose } = pack(dir);
  try {
    rows.push({ name, ...install(tarball), tarball: packed.size, unpacked: packed.unpackedSize });
  } finally {
    dispose();
  }
}
for (const peer of ["zod", "cronofy"])
  rows.push({ name: `${peer}@${locked(peer)}`, ...install(`${peer}@${locked(peer)}`) });

const kb = (n) => (n === undefined ? "" : `${(n / 1000).toFixed(1)}`);
const ours = rows[0];
console.log("\nnpm install into an empty project: packages and size on disk (KB = 1000 bytes)\n");
console.log("| package | packages installed | node_modules, KB | x smart-invite | tarball, KB | unpacked, KB |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const row of rows) {
  const ratio = (row.bytes / ours.bytes).toFixed(2);
  console.log(
    `| ${row.name} | ${row.packages} | ${kb(row.bytes)} | ${ratio}x | ${kb(row.tarball)} | ${kb(row.unpacked)} |`,
  );
}
