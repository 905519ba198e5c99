// Code bytes per crate of the package's .wasm, from `twiggy top` (`cargo install twiggy` first:
// it is a tool for looking into sizes, not part of `make bench`). Run after `make pkg`:
//
//   node bench/size/crates.mjs [--top N] [path/to/file.wasm]
//
// Without a path it measures the cargo-built .wasm after the same wasm-bindgen and wasm-opt
// steps as `make pkg`, but keeping the function names (target/size/named.wasm): the code is
// then the code the package ships. With a path it reads that file as it is.
//
// A function is counted for the crate its (demangled) name starts with; trait impls such as
// `<serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_struct` count
// for the type's crate. `--top N` also lists the N largest functions.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 0;
const twiggy = process.env.TWIGGY ?? `${homedir()}/.cargo/bin/twiggy`;
const wasm = args[0] ?? named();

/** The package's .wasm with its function names: wasm-bindgen and wasm-opt as in mk/pkg.mk. */
function named() {
  const out = "target/size";
  mkdirSync(out, { recursive: true });
  const bindgen = ["--target", "web", "--no-typescript", "--remove-producers-section", "--out-dir", out];
  // The package's browser build (mk/pkg.mk, -Zbuild-std), else the ordinary release build.
  const built = ["target/pkg-browser", "target"].map(
    (dir) => `${dir}/wasm32-unknown-unknown/release/smart_invite.wasm`,
  );
  execFileSync("wasm-bindgen", [...bindgen, built.find((path) => existsSync(path)) ?? built[1]]);
  const opt = [
    "-Oz",
    "--skip-pass=memory-packing",
    "--debuginfo",
    `${out}/smart_invite_bg.wasm`,
    "-o",
    `${out}/named.wasm`,
  ];
  execFileSync("node_modules/.bin/wasm-opt", opt);
  return `${out}/named.wasm`;
}

const csv = execFileSync(twiggy, ["top", "-n", "1000000", "--format", "csv", wasm], {
  encoding: "utf8",
  maxBuffer: 1 << 28,
});
const rows = csv
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    // `name,shallow,...` where a quoted name doubles its quotes.
    const match = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
    const name = match && (match[1].startsWith('"') ? match[1].slice(1, -1).replaceAll('""', '"') : match[1]);
    return match && { name, bytes: Number(match[2]) };
  })
  .filter(Boolean);

/** The crate a function belongs to, from its demangled name. */
function crateOf(name) {
  if (/^(data segment|custom section|"function names"|import |export |table|elem|type)/.test(name)) return "(non-code)";
  const path = name
    .replace(/^<+/, "")
    .replace(/^&(mut )?/, "")
    .replace(/^dyn /, "");
  const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(path);
  if (!m) return "(other)";
  // Methods of primitive types (`<str>::to_lowercase`, `<T as ...>`) live in core and alloc.
  if (/^(str|T|char|bool|f32|f64|[iu](8|16|32|64|128|size)|\[T\])$/.test(m[1])) return "(core/alloc on primitives)";
  return m[1];
}

const byCrate = new Map();
for (const { name, bytes } of rows) {
  const crate = crateOf(name);
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + bytes);
}
const code = rows.filter((r) => crateOf(r.name) !== "(non-code)").reduce((sum, r) => sum + r.bytes, 0);
console.log(`code in functions: ${(code / 1000).toFixed(1)} KB (${wasm})`);
for (const [crate, bytes] of [...byCrate].sort((a, b) => b[1] - a[1])) {
  if (crate === "(non-code)" || bytes < 500) continue;
  console.log(`${crate.padEnd(24)}${(bytes / 1000).toFixed(1).padStart(8)} KB`);
}
if (top > 0) {
  console.log(`\nlargest ${top} functions:`);
  for (const r of rows.filter((r) => crateOf(r.name) !== "(non-code)").slice(0, top)) {
    console.log(`${String(r.bytes).padStart(8)}  ${r.name.slice(0, 150)}`);
  }
}
