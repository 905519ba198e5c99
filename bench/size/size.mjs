// The size of the npm package's WebAssembly and of the JS a browser loads with it: raw bytes,
// gzip -9 and brotli (quality 11), for the whole .wasm, its code and data sections, and the
// glue. Run after `make pkg`:
//
//   node bench/size/size.mjs [path/to/file.wasm]     (default: the browser build's .wasm)
//
// The budget for what a page downloads to validate (the browser build's wasm plus the JS it
// loads) is 180 KB gzip and 100 KB brotli.

import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { BROWSER_WASM, browserFiles } from "./browser-files.mjs";

const root = new URL("../../", import.meta.url);
const wasmPath = process.argv[2] ?? `pkg/${BROWSER_WASM}`;
// What `import { init } from "smart-invite"` loads in a browser besides the .wasm.
const BROWSER_JS = browserFiles("pkg")
  .filter((file) => file !== BROWSER_WASM)
  .map((file) => `pkg/${file}`);
const BUDGET = { gzip: 180_000, brotli: 100_000 };

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;

/** The sections of a WebAssembly binary: `{ id, name, bytes }`, `bytes` without the header. */
function sections(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a WebAssembly binary`);
  const names = [
    "custom",
    "type",
    "import",
    "function",
    "table",
    "memory",
    "global",
    "export",
    "start",
    "element",
    "code",
    "data",
    "datacount",
  ];
  const leb = (at) => {
    let value = 0,
      shift = 0,
      byte;
    do {
      byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, at];
  };
  const found = [];
  for (let at = 8; at < wasm.length; ) {
    const id = wasm[at];
    const [size, start] = leb(at + 1);
    found.push({ id, name: names[id] ?? `#${id}`, bytes: wasm.subarray(start, start + size) });
    at = start + size;
  }
  return found;
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`.padStart(10);
const row = (label, bytes) => {
  const sizes = { raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
  console.log(`${label.padEnd(26)}${kb(sizes.raw)}${kb(sizes.gzip)}${kb(sizes.brotli)}`);
  return sizes;
};

const wasm = readFileSync(wasmPath.startsWith("/") ? wasmPath : new URL(wasmPath, root));
console.log(`${"".padEnd(26)}${"raw".padStart(10)}${"gzip -9".padStart(10)}${"brotli".padStart(10)}`);
const whole = row(wasmPath.split("/").pop(), wasm);
const all = sections(wasm);
for (const name of ["code", "data"]) {
  const bytes = Buffer.concat(all.filter((s) => s.name === name).map((s) => s.bytes));
  row(`  ${name} section`, bytes);
}
const rest = Buffer.concat(all.filter((s) => s.name !== "code" && s.name !== "data").map((s) => s.bytes));
row("  other sections", rest);

if (process.argv[2] === undefined) {
  const js = BROWSER_JS.map((path) => readFileSync(new URL(path, root)));
  const glue = { raw: 0, gzip: 0, brotli: 0 };
  js.forEach((bytes, i) => {
    const sizes = row(`  ${BROWSER_JS[i].replace("pkg/", "")}`, bytes);
    for (const k in glue) glue[k] += sizes[k];
  });
  const total = { raw: whole.raw + glue.raw, gzip: whole.gzip + glue.gzip, brotli: whole.brotli + glue.brotli };
  console.log(`${"wasm + browser JS".padEnd(26)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
  const verdict = (k) =>
    `${k} ${(total[k] / 1000).toFixed(1)} KB of ${BUDGET[k] / 1000} KB ${total[k] <= BUDGET[k] ? "(within)" : "(OVER)"}`;
  console.log(`budget: ${verdict("gzip")}, ${verdict("brotli")} (each file compressed on its own)`);
}
