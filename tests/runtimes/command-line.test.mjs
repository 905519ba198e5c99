// The smoke suite in the command-line runtimes, each loading the packed package from the
// scratch project: Node (import, require), Bun (import, require) and
// Deno (bare specifier with node_modules, and `npm:`), compared with Node ESM's results.
// Deno runs the core with NO permission flags and the client with only --allow-net.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fixtures } from "./lib/fixtures.mjs";
import { checkReport, exec, RESULTS, runHarness } from "./lib/run.mjs";
import { bin } from "./lib/scratch.mjs";
import { useRuntimeFixture } from "./lib/suite.mjs";

const node = process.execPath;
// Deno: no update check, its cache inside the scratch project, and a registry that cannot
// answer, so `npm:smart-invite` provably resolves from node_modules.
const denoEnv = (dir) => ({
  DENO_DIR: join(dir, ".deno"),
  DENO_NO_UPDATE_CHECK: "1",
  NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/",
});
const allowApi = (api) => `--allow-net=127.0.0.1:${api.port}`;

// runtime: the name in reports; parts: which smoke parts (default all); flags(api): runtime
// flags; results: how many results its report must hold at least.
const runs = [
  { runtime: "node-esm", command: node, script: "smoke/esm.mjs", results: RESULTS.all },
  { runtime: "node-cjs", command: node, script: "smoke/cjs.cjs", results: RESULTS.all },
  { runtime: "bun-import", command: bin("bun"), script: "smoke/esm.mjs", results: RESULTS.all },
  { runtime: "bun-require", command: bin("bun"), script: "smoke/cjs.cjs", results: RESULTS.all },
  {
    runtime: "deno-bare-core-no-permissions",
    command: bin("deno"),
    deno: true,
    parts: "core,callbacks",
    results: RESULTS.core + RESULTS.callbacks,
  },
  {
    runtime: "deno-bare-client-allow-net-only",
    command: bin("deno"),
    deno: true,
    parts: "client",
    flags: (api) => [allowApi(api)],
    results: RESULTS.client,
  },
  {
    runtime: "deno-npm-core-no-permissions",
    command: bin("deno"),
    deno: true,
    npm: true,
    parts: "core,callbacks",
    results: RESULTS.core + RESULTS.callbacks,
  },
  {
    runtime: "deno-npm-client-allow-net-only",
    command: bin("deno"),
    deno: true,
    npm: true,
    parts: "client",
    flags: (api) => [allowApi(api)],
    results: RESULTS.client,
  },
];

// The README's snippets, run as written: the command, and what the output must show.
const snippets = [
  { file: "node.mjs", command: node, expect: [/2026-04-29T09:30:00Z/, /Europe\/London/] },
  { file: "node.cjs", command: node, expect: [/^validation \[.*'event\.summary'/] },
  { file: "bun.ts", stdin: "seed", command: bin("bun"), expect: [/^valid: your-unique-identifier-for-invite$/m] },
  { file: "bun.ts", stdin: "bad", command: bin("bun"), expect: [/^event\.summary /m] },
  // No permission flags at all.
  { file: "deno.ts", command: bin("deno"), deno: true, expect: [/2026-04-29T09:30:00Z/, /Europe\/London/] },
];

describe("command-line runtimes", () => {
  const fixture = useRuntimeFixture();

  for (const run of runs) {
    test(run.runtime, async (t) => {
      const flags = run.flags?.(fixture.api) ?? [];
      const script = run.script ?? (run.npm ? "smoke/deno-npm.mjs" : "smoke/esm.mjs");
      // --no-prompt: a permission the entry lacks fails at once instead of asking.
      const args = run.deno ? ["run", "--no-prompt", ...flags, script] : [...flags, script];
      args.push(run.runtime, fixture.api.baseUrl, ...(run.parts ? [run.parts] : []));
      const env = run.deno ? denoEnv(fixture.dir) : {};
      const report = await runHarness(run.command, args, { cwd: fixture.dir, env });
      await checkReport(t, report, fixture, run.results);
    });
  }

  const payloads = { seed: fixtures.seedRequest, bad: fixtures.badRequest };
  for (const { file, stdin, command, deno, expect } of snippets) {
    test(`README snippet ${file}${stdin ? ` < ${stdin} payload` : ""}`, async () => {
      const args = deno ? ["run", "--no-prompt", `snippets/${file}`] : [`snippets/${file}`];
      const input = stdin && JSON.stringify(payloads[stdin]);
      const result = await exec(command, args, { cwd: fixture.dir, env: deno ? denoEnv(fixture.dir) : {}, input });
      assert.equal(result.code, 0, `${file} failed:\n${result.stderr}`);
      for (const pattern of expect) assert.match(result.stdout, pattern);
    });
  }

  test("control: this Deno refuses to read the .wasm without --allow-read", async () => {
    const args = ["run", "--no-prompt", "smoke/deno-read-control.mjs"];
    const { code, stderr } = await exec(bin("deno"), args, { cwd: fixture.dir, env: denoEnv(fixture.dir) });
    assert.notEqual(code, 0, "Deno read a file without --allow-read: the no-permission runs prove nothing");
    assert.match(stderr, /--allow-read/);
  });
});
