// Runs a harness in a child process and turns its smoke report into node:test subtests.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";

const REPORT_PREFIX = "SMOKE-REPORT "; // the same constant as smoke/smoke.mjs

/** Runs `command args` and resolves { code, stdout, stderr } (never rejects on exit status). */
export function exec(command, args, { cwd, env, timeoutMs = 60_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end(input);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs a command-line harness and returns its parsed report (throws with its output if none). */
export async function runHarness(command, args, options) {
  const result = await exec(command, args, options);
  const line = result.stdout.split("\n").find((l) => l.startsWith(REPORT_PREFIX));
  if (result.code !== 0 || !line) {
    throw new Error(
      `${[command, ...args].join(" ")} exited with ${result.code ?? result.signal} and no report\n` +
        `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
  return JSON.parse(line.slice(REPORT_PREFIX.length));
}

/**
 * One subtest that the report holds at least `atLeast` results (a harness that ran no check, or
 * fewer than it should, must not pass), one per check of `report`, then one that compares the
 * core's outputs with `reference` (Node ESM's), then, when the client ran, one that checks what
 * the stand-in API received from this runtime. Each harness states `atLeast` itself.
 */
export async function checkReport(t, report, { reference, api } = {}, atLeast) {
  if (!Number.isInteger(atLeast) || atLeast < 1) {
    throw new Error(`checkReport needs the number of results the harness expects at least, got ${atLeast}`);
  }
  await t.test(`the report holds at least ${atLeast} results`, () => {
    assert.ok(Array.isArray(report?.results), `no results in the report: ${JSON.stringify(report)}`);
    assert.ok(
      report.results.length >= atLeast,
      `${report.results.length} results, expected at least ${atLeast}: ${report.results.map((r) => r.name).join("; ")}`,
    );
  });
  for (const result of report?.results ?? []) {
    await t.test(result.name, () => {
      if (result.status === "fail") assert.fail(result.reason);
    });
  }
  if (reference) {
    await t.test("same results as Node ESM for the same input", () => {
      for (const key of ["seed", "bad", "zones", "dataCenters"]) {
        if (key in report.outputs) assert.deepEqual(report.outputs[key], reference[key], key);
      }
    });
  }
  if (api && report.outputs.sent) {
    await t.test("the stand-in API received the invite with the Bearer secret", () => {
      const call = api.requests.find((c) => c.body?.smart_invite_id === report.outputs.sent);
      assert.ok(call, `no request for ${report.outputs.sent} among ${api.requests.length}`);
      assert.equal(call.method, "POST");
      assert.equal(call.url, "/v1/smart_invites");
      assert.equal(call.authorization, "Bearer smoke-client-secret");
      assert.match(call.contentType, /^application\/json/);
      assert.equal(call.body.event.summary, "Board meeting");
    });
  }
}

/** How many results the smoke suite gives for each part (the checks in smoke/smoke.mjs). */
export const RESULTS = { core: 4, callbacks: 2, client: 2 };
RESULTS.all = RESULTS.core + RESULTS.callbacks + RESULTS.client;

/** The core outputs of Node ESM, which every other runtime must reproduce exactly. */
export async function nodeReference(dir) {
  const report = await runHarness(process.execPath, ["smoke/esm.mjs", "reference", "", "core"], { cwd: dir });
  const passed = report.results.filter((r) => r.status === "pass").length;
  if (passed < RESULTS.core) {
    throw new Error(`Node ESM's reference run passed ${passed} checks, not ${RESULTS.core}: ${JSON.stringify(report)}`);
  }
  return report.outputs;
}
