// Shared by the scale tests: invites to send, the busiest sliding window at the mock, worker
// processes, and waiting with a hang guard.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { defaultFetch } from "../../pkg/lib/node-http.mjs";

export const SECRET = "CRN_scale-secret-8d2e61";

/** A valid invite, distinct per `n` (one recipient each). */
export function invite(n, prefix = "scale") {
  return {
    smart_invite_id: `${prefix}-${n}`,
    recipient: { email: `guest${n}@example.com` },
    event: {
      summary: `Webinar seat ${n}`,
      start: "2026-09-10T15:00:00Z",
      end: "2026-09-10T16:00:00Z",
      tzid: "Europe/London",
    },
  };
}

/** An invite the rules refuse (its end is before its start). */
export function invalidInvite(n, prefix = "scale") {
  const bad = invite(n, prefix);
  bad.event.end = "2026-09-10T14:00:00Z";
  return bad;
}

/** The most `times` (ms, any order) that one sliding window of `ms` holds. */
export function busiestWindow(times, ms) {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let end = 0, start = 0; end < sorted.length; end += 1) {
    while (sorted[end] - sorted[start] >= ms) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** When each API request the mock saw went on the wire (ms): the sender's stamp where there
 * is one (on a loaded machine the mock may read a request hundreds of ms after it arrived),
 * else when the mock read it. */
export function sendTimes(mock) {
  return mock.requests.map((r) => r.sent ?? r.started);
}

/**
 * Asserts that the mock answered exactly one 429 and that no request reached it during the
 * pause its Retry-After asked for: requests already in flight may still arrive within `graceMs`
 * of the 429, none after that until `pauseMs` has passed. Returns when the 429 was sent (ms).
 */
export function assertPausedAfter429(mock, { graceMs, pauseMs }) {
  const limited = mock.requests.filter((r) => r.status === 429);
  assert.equal(limited.length, 1);
  const at = limited[0].sent;
  const during = mock.requests.filter((r) => r.sent > at + graceMs && r.sent < at + pauseMs);
  assert.deepEqual(
    during.map((r) => Math.round(r.sent - at)),
    [],
    "requests arrived during the pause (ms after the 429)",
  );
  return at;
}

/** The package's Node transport, stamping each request with when it leaves (X-Mock-Sent-At):
 * the time the mock's limits and `sendTimes` count by. */
export const stampedFetch = (url, init) =>
  defaultFetch(url, {
    ...init,
    headers: { ...init.headers, "X-Mock-Sent-At": String(performance.timeOrigin + performance.now()) },
  });

/** Polls `check` until it returns something truthy; fails after `guardMs` (a hang guard only). */
export async function waitFor(check, { guardMs = 120_000, everyMs = 100, what = "the condition" } = {}) {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > guardMs) throw new Error(`gave up waiting for ${what} after ${guardMs} ms`);
    await sleep(everyMs);
  }
}

const WORKER = fileURLToPath(new URL("./worker-process.mjs", import.meta.url));

/** Starts `startInviteWorker` in a child process; resolves once it takes jobs. */
export async function spawnWorker(config) {
  const child = spawn(process.execPath, [WORKER, JSON.stringify(config)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)));
  });
  return {
    child,
    output: () => output,
    /** SIGTERM, then waits for the exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
    async kill() {
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    },
  };
}
