// `make bench-pkg`: sizes of the package, validateInvite against zod 4 and a bare JSON round
// trip, first-call latency in Node, and (when bench/package/variants.sh has run) the
// opt-level / wasm-opt variants and the JSON-vs-serde-wasm-bindgen boundary.
// Figures are medians; ratios compare with a peer measured in the same run.
// BEFORE_PKG=<another build's pkg/ folder> adds that build beside this one, measured in the same
// run, per call and for the first call: a before/after table.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { buildSync } from "esbuild";
import { browserFiles as loadedByBrowser } from "../size/browser-files.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pkg = join(root, "pkg");
const BEFORE_PKG = process.env.BEFORE_PKG;
const variantsDir = join(root, "target", "pkg-variants");
const seed = JSON.parse(readFileSync(join(root, "tests/fixtures/seed-request.json"), "utf8"));
const invalid = {
  ...seed,
  recipient: { email: "not an address" },
  event: { ...seed.event, end: "2026-04-29T09:00:00Z" },
};

// What a page downloads to run its first validateInvite (issue 11's figures to reach).
const BUDGET = { gzip: 180_000, brotli: 100_000 };
// The seed with local times, as a datetime-local input gives them: resolved in the event's zone.
const localTimes = { ...seed, event: { ...seed.event, start: "2026-04-29T10:30", end: "2026-04-29T11:00" } };
/** The Node entry that a pkg/ folder's exports name (another build's may have another layout). */
function nodeEntry(dir) {
  const { node } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).exports["."];
  return join(dir, node.import?.default ?? node.import);
}
const kb = (n) => `${(n / 1000).toFixed(1)} KB`; // KB = 1000 bytes, as in bench/size
const gzip = (b) => gzipSync(b, { level: 9 }).length;
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  console.log([line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
}

/**
 * Microseconds per call of each function: the best of many short interleaved rounds, the
 * estimate least disturbed by other work on a shared machine (each peer sees the same noise).
 */
function perCall(fns, input, { rounds = 41, minMs = 10 } = {}) {
  const names = Object.keys(fns);
  const batch = {};
  for (const name of names) {
    // Warm up long enough for V8 to tier every hot wasm function up from Liftoff to TurboFan.
    for (const end = performance.now() + 300; performance.now() < end; ) fns[name](input);
    let n = 1;
    for (;;) {
      // calibrate (and warm up) to about minMs per round
      const t = performance.now();
      for (let i = 0; i < n; i++) fns[name](input);
      if (performance.now() - t > minMs) break;
      n *= 2;
    }
    batch[name] = n;
  }
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const f = fns[name],
        n = batch[name],
        t = performance.now();
      for (let i = 0; i < n; i++) f(input);
      samples[name].push(((performance.now() - t) * 1000) / n);
    }
  }
  return Object.fromEntries(names.map((n) => [n, Math.min(...samples[n])]));
}

async function loadGlue(dir, name = "smart_invite") {
  const glue = await import(`${pathToFileURL(join(dir, `${name}.js`)).href}?${encodeURIComponent(dir)}`);
  glue.initSync({ module: readFileSync(join(dir, `${name}_bg.wasm`)) });
  return glue;
}

console.log("\n## Package size (pkg/, what a browser downloads)\n");
const browserFiles = loadedByBrowser(pkg);
const total = { raw: 0, gzip: 0, brotli: 0 };
const sizeRows = browserFiles.map((file) => {
  const bytes = readFileSync(join(pkg, file));
  const row = { raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
  for (const k in total) total[k] += row[k];
  return [file, kb(row.raw), kb(row.gzip), kb(row.brotli)];
});
const glueFiles = browserFiles.filter((f) => !f.endsWith(".wasm")).map((f) => readFileSync(join(pkg, f)));
const glue = Buffer.concat(glueFiles);
sizeRows.push(["(JS glue + entry, one file)", kb(glue.length), kb(gzip(glue)), kb(brotli(glue))]);
sizeRows.push(["total", kb(total.raw), kb(total.gzip), kb(total.brotli)]);
sizeRows.push([
  "budget",
  "",
  `${kb(BUDGET.gzip)} (${((100 * total.gzip) / BUDGET.gzip).toFixed(0)}%)`,
  `${kb(BUDGET.brotli)} (${((100 * total.brotli) / BUDGET.brotli).toFixed(0)}%)`,
]);
table(["file", "raw", "gzip -9", "brotli 11"], sizeRows);

console.log("\n## The npm tarball (npm pack pkg/ --dry-run)\n");
const [packed] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], { cwd: pkg }));
table(["tarball (gzip)", "unpacked", "files"], [[kb(packed.size), kb(packed.unpackedSize), String(packed.entryCount)]]);

console.log(`\n## validateInvite per call, Node ${process.version} (best of 41 interleaved rounds)\n`);
const si = await import(pathToFileURL(nodeEntry(pkg)).href);
const { validateWithZod } = await import("./zod-schema.mjs");
const { validateInvite: bare } = await import("./bare-json.mjs");
for (const [label, input] of [
  ["seed example", seed],
  ["seed with local times", localTimes],
]) {
  if (JSON.stringify(si.validateInvite(input)) !== JSON.stringify(validateWithZod(structuredClone(input)))) {
    throw new Error(`the zod schema and validateInvite disagree on the ${label}: fix the schema first`);
  }
}
const before = BEFORE_PKG && (await import(pathToFileURL(nodeEntry(BEFORE_PKG)).href));
const callRows = [];
for (const [label, input] of [
  ["seed example (valid, UTC times)", seed],
  ["seed with local times (valid)", localTimes],
  ["seed with 2 errors", invalid],
]) {
  const fns = { wasm: (x) => si.validateInvite(x), zod: (x) => validateWithZod(x), bare: (x) => bare(x) };
  if (before) fns.before = (x) => before.validateInvite(x);
  const t = perCall(fns, input);
  callRows.push([
    label,
    `${t.wasm.toFixed(2)} µs`,
    `${t.zod.toFixed(2)} µs`,
    `${t.bare.toFixed(2)} µs`,
    `${(t.wasm / t.zod).toFixed(2)}x`,
    `${(t.wasm / t.bare).toFixed(1)}x`,
    ...(before ? [`${t.before.toFixed(2)} µs`, `${(t.before / t.zod).toFixed(2)}x`] : []),
  ]);
}
table(
  [
    "input (JS object)",
    "smart-invite",
    "zod 4",
    "JSON round trip",
    "smart-invite / zod",
    "smart-invite / JSON",
    ...(before ? [`before (${BEFORE_PKG})`, "before / zod"] : []),
  ],
  callRows,
);

/**
 * The Node entry bundled as a deployment bundles it (esbuild --bundle --platform=node, ESM), in
 * a folder of its own: the .wasm comes from the copy embedded in the bundle.
 */
function nodeBundle() {
  const outfile = join(mkdtempSync(join(tmpdir(), "smart-invite-bundle-")), "bundle.mjs");
  buildSync({ entryPoints: [nodeEntry(pkg)], outfile, bundle: true, platform: "node", format: "esm" });
  return outfile;
}

console.log("\n## First call after import, Node (fresh process each, median of 9; instantiation included)\n");
// Nine processes per module, the modules taking turns, so that all see the same load.
const firstCallModules = {
  wasm: [nodeEntry(pkg), "validateInvite"],
  bundle: [nodeBundle(), "validateInvite"],
  zod: [join(root, "bench/package/zod-schema.mjs"), "validateWithZod"],
  bare: [join(root, "bench/package/bare-json.mjs"), "validateInvite"],
  ...(BEFORE_PKG && { before: [nodeEntry(BEFORE_PKG), "validateInvite"] }),
};
const firstSamples = Object.fromEntries(Object.keys(firstCallModules).map((name) => [name, []]));
for (let i = 0; i < 9; i++) {
  for (const [name, [module, fn]] of Object.entries(firstCallModules)) {
    const ms = execFileSync(process.execPath, [join(root, "bench/package/first-call.mjs"), module, fn], {
      encoding: "utf8",
    });
    firstSamples[name].push(Number(ms));
  }
}
const first = Object.fromEntries(Object.entries(firstSamples).map(([name, samples]) => [name, median(samples)]));
table(
  ["module", "import + first call", "ratio to the JSON module"],
  [
    [
      "smart-invite (node entry, .wasm read from its file)",
      `${first.wasm.toFixed(1)} ms`,
      `${(first.wasm / first.bare).toFixed(1)}x`,
    ],
    [
      "smart-invite in an esbuild bundle (.wasm embedded)",
      `${first.bundle.toFixed(1)} ms`,
      `${(first.bundle / first.bare).toFixed(1)}x`,
    ],
    ["zod 4 schema", `${first.zod.toFixed(1)} ms`, `${(first.zod / first.bare).toFixed(1)}x`],
    ["bare JSON round trip", `${first.bare.toFixed(1)} ms`, "1.0x"],
    ...(BEFORE_PKG
      ? [
          [
            `before: ${BEFORE_PKG} (node entry)`,
            `${first.before.toFixed(1)} ms`,
            `${(first.before / first.bare).toFixed(1)}x`,
          ],
        ]
      : []),
  ],
);

/**
 * The core build's crossing of the JS/Wasm boundary: two instances of it, one wired as the Node
 * entry does (lib/wire.mjs with lib/tape.mjs's decoder: results from a tape), one with
 * no tape decoder (results by JSON.parse of serde_json's text); and the copy of the payload's text.
 */
async function boundaryPieces() {
  const { wire } = await import(pathToFileURL(join(pkg, "lib/wire.mjs")).href);
  const { tapeDecoder: decoder } = await import(pathToFileURL(join(pkg, "lib/tape.mjs")).href);
  const bytes = readFileSync(join(pkg, "gen/core/smart_invite_bg.wasm"));
  const instance = async (tag) => {
    const glue = await import(`${pathToFileURL(join(pkg, "gen/core/smart_invite.js")).href}?${tag}`);
    glue.initSync({ module: bytes });
    return glue;
  };
  const shipped = await instance("shipped");
  wire(shipped, { validator: false, decoder });
  const json = await instance("json");
  wire(json, { validator: false });
  const ways = {
    "results from the tape (shipped)": (x) => shipped.validateInvite(x),
    "results by JSON.parse of their JSON text": (x) => json.validateInvite(x),
  };
  const reference = JSON.stringify(shipped.validateInvite(seed));
  for (const [way, fn] of Object.entries(ways)) {
    if (JSON.stringify(fn(seed)) !== reference) throw new Error(`${way}: not the shipped result`);
  }
  const t = perCall(ways, seed);
  const base = Object.keys(ways)[0];
  table(
    ["validateInvite(seed), the core's .wasm", "per call", "vs shipped"],
    Object.keys(ways).map((w) => [w, `${t[w].toFixed(2)} µs`, `${(t[w] / t[base]).toFixed(2)}x`]),
  );
  // Copying the payload's text into memory: wasm-bindgen's glue loops over charCodeAt while the
  // text is ASCII; pkg/scripts/build.mjs patches every glue to call TextEncoder.encodeInto at once.
  const payload = JSON.stringify(seed);
  const memory = new Uint8Array(new WebAssembly.Memory({ initial: 1 }).buffer);
  const encoder = new TextEncoder();
  const copies = {
    "charCodeAt loop (wasm-bindgen 0.2.130)": () => {
      let offset = 0;
      for (; offset < payload.length; offset++) {
        const code = payload.charCodeAt(offset);
        if (code > 0x7f) break;
        memory[offset] = code;
      }
      return offset;
    },
    "TextEncoder.encodeInto (shipped)": () => encoder.encodeInto(payload, memory.subarray(0, payload.length)).written,
  };
  const c = perCall(copies, undefined);
  const loop = Object.keys(copies)[0];
  console.log("");
  table(
    [`copy of the seed's JSON text (${payload.length} characters) into wasm memory`, "per copy", "vs the loop"],
    Object.keys(copies).map((w) => [w, `${c[w].toFixed(3)} µs`, `${(c[w] / c[loop]).toFixed(2)}x`]),
  );
}

console.log(`\n## The full build's JS/Wasm boundary, Node ${process.version} (best of 41 interleaved rounds)\n`);
await boundaryPieces();

if (existsSync(variantsDir)) {
  console.log("\n## Build variants: rustc opt-level x wasm-opt (the .wasm alone; per call = seed example)\n");
  const names = readdirSync(variantsDir)
    .filter((n) => n !== "boundary")
    .sort();
  const fns = {};
  const sizes = {};
  for (const name of names) {
    const dir = join(variantsDir, name);
    const bytes = readFileSync(join(dir, "smart_invite_bg.wasm"));
    sizes[name] = { raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
    const g = await loadGlue(dir);
    fns[name] = (x) => g.validateInvite(x);
  }
  const t = perCall(fns, seed);
  const base = "z-Oz";
  table(
    ["variant", "raw", "gzip -9", "brotli 11", "per call", "time vs z-Oz", "gzip vs z-Oz"],
    names.map((n) => [
      n + (n === base ? " (the browser build's settings)" : n === "3-O3" ? " (the full build's settings)" : ""),
      kb(sizes[n].raw),
      kb(sizes[n].gzip),
      kb(sizes[n].brotli),
      `${t[n].toFixed(2)} µs`,
      `${(t[n] / t[base]).toFixed(2)}x`,
      `${(sizes[n].gzip / sizes[base].gzip).toFixed(3)}x`,
    ]),
  );

  const boundary = join(variantsDir, "boundary");
  if (existsSync(boundary)) {
    console.log("\n## The JS/Wasm boundary: JSON text vs serde-wasm-bindgen (same validator, opt-level z)\n");
    const b = await loadGlue(boundary, "boundary_bench");
    const ways = {
      "JSON in, JSON out (shipped)": b.jsonInJsonOut,
      "JSON in, swb out": b.jsonInSwbOut,
      "swb in, JSON out": b.swbInJsonOut,
      "swb in, swb out": b.swbInSwbOut,
    };
    const rows = [];
    const seedT = perCall(ways, seed);
    const badT = perCall(ways, invalid);
    const ref = "JSON in, JSON out (shipped)";
    for (const w of Object.keys(ways)) {
      rows.push([
        w,
        `${seedT[w].toFixed(2)} µs`,
        `${(seedT[w] / seedT[ref]).toFixed(2)}x`,
        `${badT[w].toFixed(2)} µs`,
        `${(badT[w] / badT[ref]).toFixed(2)}x`,
      ]);
    }
    table(["boundary", "seed (valid)", "ratio", "seed with 2 errors", "ratio"], rows);
  }
} else {
  console.log("\n(no target/pkg-variants: run bench/package/variants.sh for the opt-level and boundary tables)");
}
