// The smoke suite in Cloudflare's workerd, twice: with the package's modules listed by hand in a
// workerd config (the `workerd` export condition, the .wasm as a `wasm` module), and bundled by
// `wrangler deploy --dry-run`. The worker reaches the stand-in API on 127.0.0.1 only through a
// network service that allows "local". A control proves workerd refuses to compile wasm from
// bytes, so an entry that did so could not pass the smoke run.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, posix, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkReport, exec, nodeReference } from "./lib/run.mjs";
import { bin, scratchProject } from "./lib/scratch.mjs";
import { startStandInApi } from "./lib/stand-in-api.mjs";
import { COMPATIBILITY_DATE, serveWorkerd, workerdConfig } from "./lib/workerd.mjs";

const smokeModules = [
  { name: "worker.mjs", type: "esModule", file: "smoke/worker.mjs" },
  { name: "smoke.mjs", type: "esModule", file: "smoke/smoke.mjs" },
  { name: "fixtures.mjs", type: "esModule", file: "smoke/fixtures.mjs" },
];

describe("workerd", () => {
  let scratch, api, reference;
  before(async () => {
    scratch = scratchProject();
    api = await startStandInApi();
    reference = await nodeReference(scratch.dir);
  });
  after(async () => {
    await api?.close();
    scratch?.dispose();
  });

  test("control: workerd refuses to compile the .wasm from bytes", async () => {
    const wasm = packageModules(scratch.dir).find((m) => m.type === "wasm");
    const modules = [
      { name: "control.mjs", type: "esModule", file: "smoke/bytes-control.mjs" },
      { name: "wasm-bytes", type: "data", file: wasm.file },
    ];
    const config = workerdConfig({ modules });
    const body = await fetchFromWorker(scratch.dir, "bytes-control.capnp", config, { expectStatus: 500 });
    assert.match(body, /Wasm code generation disallowed by embedder/);
  });

  test("hand-written workerd config: the .wasm imported as a wasm module", async (t) => {
    const runtime = "workerd-config";
    const modules = [...smokeModules, ...packageModules(scratch.dir)];
    const config = workerdConfig({ modules, bindings: { RUNTIME: runtime, API_BASE: api.baseUrl }, loopback: true });
    const report = JSON.parse(await fetchFromWorker(scratch.dir, "smoke.capnp", config));
    await checkReport(t, report, { reference, api });
  });

  test("wrangler deploy --dry-run bundle, served by workerd", async (t) => {
    const runtime = "workerd-wrangler";
    const outdir = await wranglerBuild(scratch.dir, "smoke/worker.mjs", "wrangler-smoke");
    const modules = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f)).sort(mainFirst);
    assert.ok(modules.some((f) => f.endsWith(".wasm")), `wrangler inlined the .wasm: ${modules.join(", ")}`);
    const listed = modules.map((f) => ({
      name: f,
      type: f.endsWith(".wasm") ? "wasm" : "esModule",
      file: relative(scratch.dir, join(outdir, f)),
    }));
    const config = workerdConfig({ modules: listed, bindings: { RUNTIME: runtime, API_BASE: api.baseUrl }, loopback: true });
    const report = JSON.parse(await fetchFromWorker(scratch.dir, "wrangler-smoke.capnp", config));
    await checkReport(t, report, { reference, api });
  });
});

/**
 * The modules a hand-written config lists for the package: the `workerd` entry named
 * "smart-invite" (so the worker imports it by that name) and every file it imports, named by
 * its path relative to the entry, as workerd resolves relative imports.
 */
export function packageModules(dir) {
  const pkgDir = join(dir, "node_modules", "smart-invite");
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const entry = resolveCondition(manifest.exports["."], ["workerd", "worker", "browser", "import", "default"]);
  assert.ok(entry, "no `workerd` (or worker/browser/import/default) condition in exports['.']");
  const entryDir = posix.dirname(entry);
  const modules = [{ name: "smart-invite", type: "esModule", file: relative(dir, join(pkgDir, entry)) }];
  const seen = new Set([posix.normalize(entry)]);
  const queue = [posix.normalize(entry)];
  while (queue.length) {
    const from = queue.shift();
    const source = readFileSync(join(pkgDir, from), "utf8");
    for (const [, , specifier] of source.matchAll(/\b(import|from)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const path = posix.normalize(posix.join(posix.dirname(from), specifier));
      if (seen.has(path)) continue;
      seen.add(path);
      const type = extname(path) === ".wasm" ? "wasm" : "esModule";
      modules.push({ name: posix.relative(entryDir, path), type, file: relative(dir, join(pkgDir, path)) });
      if (type === "esModule") queue.push(path);
    }
  }
  return modules;
}

function resolveCondition(target, conditions) {
  if (typeof target === "string") return target;
  if (!target || typeof target !== "object") return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (condition === "types") continue;
    if (conditions.includes(condition)) {
      const found = resolveCondition(value, conditions);
      if (found) return found;
    }
  }
  return undefined;
}

/** Bundles `main` with `wrangler deploy --dry-run --outdir` and returns the output folder. */
export async function wranglerBuild(dir, main, name) {
  const outdir = join(dir, name);
  const toml = join(dir, `${name}.toml`);
  await import("node:fs").then(({ writeFileSync }) =>
    writeFileSync(toml, `name = "${name}"\nmain = "${main}"\ncompatibility_date = "${COMPATIBILITY_DATE}"\n`),
  );
  // wrangler's bin refuses Node < 22.12; its CLI itself bundles fine on Node 20, so call it directly.
  const cli = join(dirname(dirname(bin("wrangler"))), "wrangler", "wrangler-dist", "cli.js");
  const args = [cli, "deploy", "--dry-run", "--config", toml, "--outdir", outdir];
  const env = { WRANGLER_SEND_METRICS: "false", CI: "1", NO_UPDATE_NOTIFIER: "1" };
  const result = await exec(process.execPath, args, { cwd: dir, env, timeoutMs: 120_000 });
  assert.equal(result.code, 0, `wrangler failed:\n${result.stdout}\n${result.stderr}`);
  return outdir;
}

/** Serves `config`, fetches "/" once and returns the body (with workerd's log when not 200). */
async function fetchFromWorker(dir, name, config, { expectStatus = 200 } = {}) {
  const server = await serveWorkerd(dir, name, config);
  try {
    const response = await fetch(server.url);
    const body = await response.text();
    assert.equal(response.status, expectStatus, `${name} answered ${response.status}: ${body}\n${server.stderr()}`);
    return body;
  } finally {
    await server.close();
  }
}

const mainFirst = (a, b) => Number(b.endsWith(".js")) - Number(a.endsWith(".js")) || a.localeCompare(b);
