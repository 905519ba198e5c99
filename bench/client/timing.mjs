// The client's waits, measured against the mock on 127.0.0.1: how long after a 429 with
// `Retry-After: 1` the retry arrives, the backoff between attempts, how soon a timeout ends an
// attempt, and how long an answer takes at concurrency 1 and 32. The tests check these only
// from below (a busy machine makes waits longer, never shorter); the figures are here.
//
// Each figure comes with its peer from the same run: what was asked (the Retry-After, the
// backoff window, the timeout), and a plain request's round trip.
//
//   node bench/client/timing.mjs [--runs 10] [--invites 2000]

import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { SmartInviteClient } from "../../pkg/gen/node.mjs";
import { startMockServer } from "../../pkg/mock/index.mjs";
import { stats } from "./stats.mjs";

const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "10" }, invites: { type: "string", default: "2000" } },
});
const RUNS = Number(args.runs);
const INVITES = Number(args.invites);
const SECRET = "bench-timing-secret";
const CONCURRENCY_TEST_TIMEOUT_MS = 5_000;

const mock = await startMockServer({ clientSecret: SECRET });
// No pacing under Cronofy's limits: these are the waits of retries and timeouts alone.
const client = (options = {}) =>
  new SmartInviteClient({ clientSecret: SECRET, baseUrl: mock.url, rateLimit: false, ...options });
const faulty = (fault, options) =>
  client({
    fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, "X-Mock-Fault": fault } }),
    ...options,
  });
const invite = (id) => ({
  smart_invite_id: id,
  recipient: { email: "ann@example.com" },
  event: {
    summary: "Board meeting",
    start: "2026-04-29T09:30:00Z",
    end: "2026-04-29T10:00:00Z",
    tzid: "Europe/London",
  },
});
/** Arrival times (ms, at the mock) of the requests of one invite. */
const arrivals = (id) => mock.requests.filter((r) => r.smart_invite_id === id).map((r) => r.started);
const settle = (promise) =>
  promise.then(
    () => undefined,
    () => undefined,
  );

try {
  const rows = [];

  // A plain upsert, one at a time: the peer of every wait below.
  const plain = [];
  const quick = client();
  for (let i = 0; i < RUNS * 10; i++) {
    const started = performance.now();
    await quick.upsert(invite(`plain-${i}`));
    plain.push(performance.now() - started);
  }
  const roundTrip = stats(plain);
  rows.push(["a plain upsert, round trip (the peer)", roundTrip, undefined]);

  // Retry-After: 1 (seconds), retryDelayMs 0: the gap between the 429 and the retry at the mock.
  const retryAfter = [];
  for (let i = 0; i < RUNS; i++) {
    const id = `ra-${i}`;
    mock.injectFaults(["status=429, retry-after=1"], { smartInviteId: id });
    await client({ retryDelayMs: 0 }).upsert(invite(id));
    const [a, b] = arrivals(id);
    retryAfter.push(b - a);
  }
  rows.push(["Retry-After: 1 -> the retry arrived after", stats(retryAfter), 1_000]);

  // Backoff with retryDelayMs 100: waits drawn from 50..100 ms, then 100..200 ms.
  const first = [];
  const second = [];
  for (let i = 0; i < RUNS; i++) {
    const id = `bo-${i}`;
    await settle(faulty("status=503", { retryDelayMs: 100, maxRetries: 2 }).upsert(invite(id)));
    const [a, b, c] = arrivals(id);
    first.push(b - a);
    second.push(c - b);
  }
  rows.push(["backoff 100 ms: 1st retry after (window 50..100)", stats(first), 75]);
  rows.push(["backoff 100 ms: 2nd retry after (window 100..200)", stats(second), 150]);

  // A request that never gets an answer, timeoutMs 100: the time to the timeout error, with no
  // retry and with two (three attempts of 100 ms).
  const once = [];
  const thrice = [];
  for (let i = 0; i < RUNS; i++) {
    let started = performance.now();
    await settle(faulty("hang", { timeoutMs: 100, maxRetries: 0 }).upsert(invite(`to-${i}`)));
    once.push(performance.now() - started);
    started = performance.now();
    await settle(faulty("hang", { timeoutMs: 100, maxRetries: 2, retryDelayMs: 2 }).upsert(invite(`to3-${i}`)));
    thrice.push(performance.now() - started);
  }
  rows.push(["timeoutMs 100, no answer: timeout error after", stats(once), 100]);
  rows.push(["timeoutMs 100 x 3 attempts: timeout error after", stats(thrice), 300]);

  // Answers under concurrency: each upsert's round trip with 1 and with 32 in flight (the
  // concurrency test gives each attempt CONCURRENCY_TEST_TIMEOUT_MS).
  for (const concurrency of [1, 32]) {
    const times = [];
    const sender = client();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < INVITES) {
          const id = `c${concurrency}-${next++}`;
          const started = performance.now();
          await sender.upsert(invite(id));
          times.push(performance.now() - started);
        }
      }),
    );
    rows.push([`an upsert with ${concurrency} in flight (${INVITES} invites)`, stats(times), undefined]);
  }

  console.log(
    `\nClient waits against the mock on 127.0.0.1 (Node ${process.versions.node}, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}), ${RUNS} runs each`,
  );
  console.log(
    `${"measure".padEnd(52)} ${"median".padStart(10)} ${"p90".padStart(10)} ${"max".padStart(10)}  ${"asked".padStart(8)}  median / asked  (median - asked) / round trip`,
  );
  for (const [name, s, asked] of rows) {
    const ratio = asked === undefined ? "" : `${(s.median / asked).toFixed(3)}x`;
    const overshoot = asked === undefined ? "" : `${((s.median - asked) / roundTrip.median).toFixed(1)}x`;
    const askedText = asked === undefined ? "" : `${asked} ms`;
    console.log(
      `${name.padEnd(52)} ${ms(s.median)} ${ms(s.p90)} ${ms(s.max)}  ${askedText.padStart(8)}  ${ratio.padStart(14)}  ${overshoot.padStart(12)}`,
    );
  }
  const c32 = rows.at(-1)[1];
  console.log(
    `slowest upsert at concurrency 32: ${c32.max.toFixed(1)} ms, ${(CONCURRENCY_TEST_TIMEOUT_MS / c32.max).toFixed(1)}x below the ` +
      `${CONCURRENCY_TEST_TIMEOUT_MS / 1000} s attempt timeout of tests/client/concurrency.test.mjs`,
  );
} finally {
  await mock.close();
}

function ms(value) {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`.padStart(10);
}
