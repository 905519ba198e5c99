// The smoke suite in Cloudflare's workerd, twice: with the package's modules listed by hand in a
// workerd config (the `workerd` export condition, the .wasm as a `wasm` module), and bundled by
// `wrangler deploy --dry-run`. The worker reaches the stand-in API on 127.0.0.1 only through a
// network service that allows "local". A control proves workerd refuses to compile wasm from
// bytes, so an entry that did so could not pass the smoke run.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkReport, nodeReference } from "./lib/run.mjs";
import { scratchProject } from "./lib/scratch.mjs";
import { startStandInApi } from "./lib/stand-in-api.mjs";
import { packageModules, serveWorkerd, workerdConfig, wranglerBuild } from "./lib/workerd.mjs";

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
