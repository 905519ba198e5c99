// Part of `make bench-pkg`: what `npm install` brings into a fresh project, for the packed
// package (or BEFORE_PKG, another build's pkg/ folder, beside it), zod and the official cronofy
// SDK: the packages installed and the KB they hold on disk. Each is installed alone into its own
// empty project, as the packaging tests install (tests/package/scratch.mjs); the registry
// answers for the peers (npm's cache may serve them).

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockedVersions, npmInstall, pack, root } from "../../tests/package/scratch.mjs";

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
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "footprint", private: true }));
    npmInstall([spec], dir);
    const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
    const packages = Object.keys(lock.packages).filter((path) => path.startsWith("node_modules/")).length;
    return { packages, bytes: bytes(join(dir, "node_modules")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
const builds = [["smart-invite", join(root, "pkg")]];
if (process.env.BEFORE_PKG) builds.push([`smart-invite (${process.env.BEFORE_PKG})`, process.env.BEFORE_PKG]);
for (const [name, dir] of builds) {
  const folder = mkdtempSync(join(tmpdir(), "smart-invite-pack-"));
  try {
    const packed = pack(dir, folder);
    rows.push({ name, ...install(join(folder, packed.filename)), tarball: packed.size, unpacked: packed.unpackedSize });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
for (const spec of lockedVersions(["zod", "cronofy"])) rows.push({ name: spec, ...install(spec) });

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
