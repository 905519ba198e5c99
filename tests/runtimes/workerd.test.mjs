// The smoke suite in Cloudflare's workerd, twice: with the package's modules listed by hand in a
// workerd config (the `workerd` export condition, the .wasm as a `wasm` module), and bundled by
// `wrangler deploy --dry-run`. The worker reaches the stand-in API on 127.0.0.1 only through a
// network service that allows "local". The smoke worker makes compiling wasm from bytes throw
// (workerd refuses it in requests but allows it at startup; Cloudflare refuses it always), so an
// entry that did so cannot pass; two controls show both halves. Then the README's worker, built by wrangler
// with the README's wrangler.toml, and served by the README's hand-written workerd config.
import assert from "node:assert/strict";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fixtures } from "./lib/fixtures.mjs";
import { checkReport, RESULTS } from "./lib/run.mjs";
import { useRuntimeFixture } from "./lib/suite.mjs";
import {
  COMPATIBILITY_DATE,
  packageModules,
  serveConfigFile,
  serveWorkerd,
  workerdConfig,
  wranglerBuild,
} from "./lib/workerd.mjs";

const smokeModules = [
  { name: "worker.mjs", type: "esModule", file: "smoke/worker.mjs" },
  { name: "smoke.mjs", type: "esModule", file: "smoke/smoke.mjs" },
  { name: "fixtures.mjs", type: "esModule", file: "smoke/fixtures.mjs" },
  { name: "forbid-wasm-bytes.mjs", type: "esModule", file: "smoke/forbid-wasm-bytes.mjs" },
];

/** The package's .wasm as a `data` module named "wasm-bytes" (an ArrayBuffer), for the controls. */
const wasmBytes = (dir) => ({
  ...packageModules(dir).find((m) => m.type === "wasm"),
  name: "wasm-bytes",
  type: "data",
});

describe("workerd", () => {
  const fixture = useRuntimeFixture();
  const bindings = (runtime) => ({ RUNTIME: runtime, API_BASE: fixture.api.baseUrl });

  // The smoke worker imports smoke/forbid-wasm-bytes.mjs first: compiling from bytes throws.
  // workerd itself refuses it only while handling a request, as these controls show.
  test("control: workerd refuses to compile the .wasm from bytes in a request", async () => {
    const modules = [
      { name: "control.mjs", type: "esModule", file: "smoke/bytes-control.mjs" },
      wasmBytes(fixture.dir),
    ];
    const server = serveWorkerd(fixture.dir, "bytes-control.capnp", workerdConfig({ modules }));
    const { body } = await withWorker(server, (s) => request(s));
    assert.match(body, /Wasm code generation disallowed by embedder/);
  });

  test("control: at startup workerd would allow it, so the smoke worker's trap refuses it", async () => {
    const modules = [
      { name: "control.mjs", type: "esModule", file: "smoke/startup-bytes-control.mjs" },
      { name: "forbid-wasm-bytes.mjs", type: "esModule", file: "smoke/forbid-wasm-bytes.mjs" },
      wasmBytes(fixture.dir),
    ];
    const serving = serveWorkerd(fixture.dir, "startup-bytes-control.capnp", workerdConfig({ modules }));
    await assert.rejects(serving, /compiled WebAssembly from bytes/);
  });

  test("hand-written workerd config: the .wasm imported as a wasm module", async (t) => {
    const modules = [...smokeModules, ...packageModules(fixture.dir)];
    const config = workerdConfig({ modules, bindings: bindings("workerd-config"), loopback: true });
    const { body } = await withWorker(serveWorkerd(fixture.dir, "smoke.capnp", config), (s) =>
      request(s, { status: 200 }),
    );
    await checkReport(t, JSON.parse(body), fixture, RESULTS.all);
  });

  test("wrangler deploy --dry-run bundle, served by workerd", async (t) => {
    const toml = `name = "smoke"\nmain = "smoke/worker.mjs"\ncompatibility_date = "${COMPATIBILITY_DATE}"\n`;
    writeFileSync(join(fixture.dir, "wrangler-smoke.toml"), toml);
    const modules = await wranglerBuild(fixture.dir, "wrangler-smoke.toml", "dist-wrangler-smoke");
    assert.ok(
      modules.some((m) => m.type === "wasm"),
      `wrangler inlined the .wasm: ${modules.map((m) => m.name)}`,
    );
    const config = workerdConfig({ modules, bindings: bindings("workerd-wrangler"), loopback: true });
    const server = serveWorkerd(fixture.dir, "wrangler-smoke.capnp", config);
    const { body } = await withWorker(server, (s) => request(s, { status: 200 }));
    await checkReport(t, JSON.parse(body), fixture, RESULTS.all);
  });

  test("README worker snippet, bundled by wrangler with the README's wrangler.toml", async () => {
    const modules = await wranglerBuild(fixture.dir, "snippets/wrangler.toml", "dist-wrangler-snippet");
    await withWorker(
      serveWorkerd(fixture.dir, "wrangler-snippet.capnp", workerdConfig({ modules })),
      checkSnippetWorker,
    );
  });

  test("README workerd config snippet, served as written", async () => {
    // The README's files sit beside node_modules, as in a user's project.
    for (const file of ["workerd.capnp", "worker.js"])
      copyFileSync(join(fixture.dir, "snippets", file), join(fixture.dir, file));
    await withWorker(serveConfigFile(fixture.dir, "workerd.capnp"), checkSnippetWorker);
  });
});

/** The README worker answers 200 with the invite for the seed example, 422 with errors else. */
async function checkSnippetWorker(server) {
  const valid = await request(server, { status: 200, body: JSON.stringify(fixtures.seedRequest) });
  assert.equal(JSON.parse(valid.body).invite.smart_invite_id, fixtures.seedRequest.smart_invite_id);
  const invalid = await request(server, { status: 422, body: JSON.stringify(fixtures.badRequest) });
  assert.equal(JSON.parse(invalid.body).errors["event.summary"][0].key, "errors.required");
}

/** Runs `use(server)` once workerd serves, and stops workerd afterwards. */
async function withWorker(serving, use) {
  const server = await serving;
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

/** One request to a served worker (GET, or POST of `body`); checks `status` when given. */
async function request(server, { status, body } = {}) {
  const response = await fetch(server.url, body === undefined ? {} : { method: "POST", body });
  const text = await response.text();
  if (status) assert.equal(response.status, status, `answered ${response.status}: ${text}\n${server.stderr()}`);
  return { status: response.status, body: text };
}
