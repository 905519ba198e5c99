// Shared by the scale tests: invites to send, the busiest sliding window at the mock, worker
// processes, and waiting with a hang guard.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import { after, before } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { defaultFetch } from "../../pkg/lib/node-http.mjs";
import { startMockServer } from "../../pkg/mock/index.mjs";
import { startRedis } from "./redis.mjs";

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

/** When each 429 this process's `stampedFetch` got was read by its client (epoch ms): from
 * then on the client knows of the pause. */
export const rateLimitedAnswers = [];
const on429 = [];
/** Calls `listener(epochMs)` each time a 429 reaches a client through `stampedFetch`. */
export function onRateLimited(listener) {
  on429.push(listener);
}

/**
 * Asserts that the mock answered exactly one 429 and that, once the client had read it
 * (`receivedAt`, epoch ms), at most `inFlight` requests reached the mock before the pause it
 * asked for (`pauseMs`) was over: those that already held their turn to send when the pause
 * began (0 for one client; the other workers' concurrency for a queue, whose workers hear of
 * the pause through Redis). A count, not a latency: a loaded machine cannot make it fail.
 * Returns the receipt on the mock's clock (ms).
 */
export function assertPausedAfter429(mock, { receivedAt, pauseMs, inFlight = 0 }) {
  const limited = mock.requests.filter((r) => r.status === 429);
  assert.equal(limited.length, 1);
  assert.ok(Number.isFinite(receivedAt), "the client's receipt of the 429 was recorded");
  const at = receivedAt - performance.timeOrigin;
  assert.ok(limited[0].sent < at, "the 429'd request went out before its answer came back");
  // Less 1 ms: timers count whole milliseconds, so a pause may end up to 1 ms early.
  const during = mock.requests.filter((r) => r.sent > at && r.sent < at + pauseMs - 1);
  assert.ok(
    during.length <= inFlight,
    `${during.length} requests reached the mock during the pause (ms after the 429 was received: ${during
      .map((r) => Math.round(r.sent - at))
      .join(", ")}); at most ${inFlight} were already on their way`,
  );
  return at;
}

/** The package's Node transport, stamping each request with when it leaves (X-Mock-Sent-At):
 * the time the mock's limits and `sendTimes` count by. A 429's receipt is recorded when the
 * client reads its body (see `rateLimitedAnswers`). */
export const stampedFetch = async (url, init) => {
  const answer = await defaultFetch(url, {
    ...init,
    headers: { ...init.headers, "X-Mock-Sent-At": String(performance.timeOrigin + performance.now()) },
  });
  if (answer.status !== 429) return answer;
  return {
    status: answer.status,
    headers: answer.headers,
    async text() {
      const body = await answer.text();
      const at = performance.timeOrigin + performance.now();
      rateLimitedAnswers.push(at);
      for (const listener of on429) listener(at);
      return body;
    },
  };
};

/**
 * An HTTP proxy on 127.0.0.1 in front of `target` that lets the first `passFirst` requests
 * through and holds the rest until `open()`: the order of events a test needs (an interruption
 * before the work is done) without racing the clock. `held()` counts the requests it holds;
 * `bodies` has the body of every request, in the order they arrived (what reached the API
 * first), whether or not their sender is still there to read the answer.
 */
export async function startGate(target, { passFirst = Number.POSITIVE_INFINITY } = {}) {
  let passed = 0;
  let opened = false;
  const waiting = [];
  const bodies = [];
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    bodies.push(body.toString("utf8"));
    const forward = () => {
      const options = { method: req.method, headers: req.headers };
      const upstream = http.request(new URL(req.url, target), options, (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      upstream.end(body);
    };
    if (opened || passed < passFirst) {
      passed += 1;
      forward();
    } else waiting.push(forward);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    bodies,
    held: () => waiting.length,
    /** Holds every request from now on, until `open()`. */
    hold() {
      opened = false;
      passFirst = passed;
    },
    open() {
      opened = true;
      for (const forward of waiting.splice(0)) forward();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

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
  let printed = "";
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      printed += chunk;
      if (printed.includes("ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)));
  });
  return {
    child,
    output: () => output,
    /** What it printed on stdout, line by line. */
    lines: () => printed.split("\n").filter(Boolean),
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

/**
 * A redis-server and the mock for the test file: both started before its tests and stopped
 * after them; `receive({ redis, mock })` is given them once started.
 */
export function withRedisAndMock(receive) {
  const started = {};
  before(async () => {
    started.redis = await startRedis();
    started.mock = await startMockServer({ clientSecret: SECRET });
    receive(started);
  });
  after(async () => {
    await started.mock?.close();
    await started.redis?.stop();
  });
}
