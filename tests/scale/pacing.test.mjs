// SmartInviteClient's pacing under its rate limit (src/client/pacing.rs, driven by the send
// state machine of src/client/send.rs), against the package's mock on 127.0.0.1. Requests carry the time they
// were sent (X-Mock-Sent-At): the mock runs in this process, and on a busy machine it reads
// requests late and in bunches, which says nothing of the traffic.

import assert from "node:assert/strict";
import { test } from "node:test";
import { SmartInviteClient, SmartInviteError } from "../../pkg/gen/node.mjs";
import { startMockServer } from "../../pkg/mock/index.mjs";
import {
  assertPausedAfter429,
  busiestWindow,
  invalidInvite,
  invite,
  rateLimitedAnswers,
  SECRET,
  sendTimes,
  stampedFetch,
  waitFor,
} from "./helpers.mjs";

function clientFor(mock, options = {}) {
  return new SmartInviteClient({ clientSecret: SECRET, baseUrl: mock.url, fetch: stampedFetch, ...options });
}

test("every call on a client shares one limit: no sliding second above it, and the mock enforcing it refuses none", async () => {
  const rate = { perSecond: 100, perMinute: 100_000 };
  const mock = await startMockServer({ clientSecret: SECRET, rateLimit: rate });
  const client = clientFor(mock, { rateLimit: rate });
  try {
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 300 }, (_, n) => client.upsert(invite(n, "pace"))));
    const took = performance.now() - started;
    assert.equal(answers.length, 300);
    assert.equal(mock.requests.filter((r) => r.status === 429).length, 0, "the mock refused none");
    assert.ok(busiestWindow(sendTimes(mock), 1_000) <= 100);
    // 300 requests evenly spaced at (1 s + 50 ms) / 100 cannot all go in less than 299 spaces.
    assert.ok(took >= 299 * 10.5, `300 requests took ${took} ms`);
  } finally {
    client.free();
    await mock.close();
  }
});

test("without pacing the same calls leave in one burst, one turn of the event loop: the checks above can fail", async () => {
  const mock = await startMockServer({ clientSecret: SECRET });
  // Each request's turn of the event loop: nothing spaces unpaced calls, so all leave in the
  // turn they were made in, and the 300 calls above would take far less than their 3.1 s.
  // Turns, not milliseconds: a loaded machine cannot make this fail.
  let turn = 0;
  let spinning = true;
  const spin = () => {
    turn += 1;
    if (spinning) setImmediate(spin);
  };
  spin();
  const turns = [];
  const fetch = (url, init) => {
    turns.push(turn);
    return stampedFetch(url, init);
  };
  const client = clientFor(mock, { rateLimit: false, fetch });
  try {
    await client.upsert(invite(0, "unpaced")); // the first call loads what the client needs
    turns.length = 0;
    await Promise.all(Array.from({ length: 150 }, (_, n) => client.upsert(invite(n, "unpaced"))));
    assert.equal(turns.length, 150);
    assert.equal(new Set(turns).size, 1, "all 150 requests left in the same turn");
    assert.equal(client.toJSON().rateLimit, false);
  } finally {
    spinning = false;
    client.free();
    await mock.close();
  }
});

test("a 429's Retry-After pauses every call on the client, and nothing fails", async () => {
  const mock = await startMockServer({ clientSecret: SECRET });
  const client = clientFor(mock, { rateLimit: { perSecond: 100, perMinute: 100_000 } });
  try {
    const seen = rateLimitedAnswers.length;
    const calls = Promise.all(Array.from({ length: 200 }, (_, n) => client.upsert(invite(n, "pause"))));
    await waitFor(() => mock.requests.length >= 30, { what: "30 requests", everyMs: 5 });
    mock.injectFaults(["status=429, retry-after=1"]);
    const answers = await calls;
    assert.equal(answers.length, 200, "every call succeeded");

    // Measured from when the client read the 429: no request after it until the pause is over.
    const receivedAt = rateLimitedAnswers[seen];
    const at = assertPausedAfter429(mock, { receivedAt, pauseMs: 1_000 });
    assert.ok(mock.requests.some((r) => r.sent >= at + 1_000));
  } finally {
    client.free();
    await mock.close();
  }
});

test("rateLimit: defaults, fields left out keep theirs, wrong values are refused with what to write", () => {
  const show = (rateLimit) => new SmartInviteClient({ clientSecret: SECRET, rateLimit }).toJSON().rateLimit;
  assert.deepEqual(show(undefined), { perSecond: 50, perMinute: 500, marginMs: 50 });
  assert.deepEqual(show(true), { perSecond: 50, perMinute: 500, marginMs: 50 });
  assert.deepEqual(show({ perSecond: 200 }), { perSecond: 200, perMinute: 500, marginMs: 50 });
  assert.equal(show(false), false);
  for (const [rateLimit, message] of [
    [{ perSecond: 0 }, /rateLimit\.perSecond must be a whole number from 1 to 10000/],
    [{ perMinute: 1.5 }, /rateLimit\.perMinute must be a whole number/],
    [{ marginMs: 1_000 }, /rateLimit\.marginMs must be a whole number from 0 to 999/],
    [{ per_second: 5 }, /Unknown rateLimit field "per_second"/],
    ["50/s", /Option rateLimit takes \{ perSecond\?, perMinute\?, marginMs\? \}/],
  ]) {
    assert.throws(
      () => new SmartInviteClient({ clientSecret: SECRET, rateLimit }),
      (error) => error instanceof SmartInviteError && error.kind === "invalid_options" && message.test(error.message),
    );
  }
});

test("upsertMany: 2,000 invites, 10% invalid, against the mock enforcing its limits: none rate_limited, in input order", async () => {
  const rate = { perSecond: 200, perMinute: 100_000 };
  const mock = await startMockServer({ clientSecret: SECRET, rateLimit: rate });
  const client = clientFor(mock, { rateLimit: rate });
  try {
    const payloads = Array.from({ length: 2_000 }, (_, n) =>
      n % 10 === 7 ? invalidInvite(n, "bulk") : invite(n, "bulk"),
    );
    let last;
    const results = await client.upsertMany(payloads, {
      concurrency: 16,
      onProgress: (...report) => {
        last = report;
      },
    });
    assert.equal(results.length, 2_000);
    assert.deepEqual(last, [2_000, 2_000, 200]);
    results.forEach((result, n) => {
      if (n % 10 === 7) {
        assert.equal(result.error.kind, "validation", `input ${n}`);
        return;
      }
      assert.equal(result.ok, true, `input ${n}: ${result.error?.kind} ${result.error?.message}`);
      assert.equal(result.invite.smart_invite_id, `bulk-${n}`, "results in input order");
      assert.equal(mock.writeCounts(`bulk-${n}`, `guest${n}@example.com`).created, 1);
    });
    assert.equal(results.filter((r) => r.error?.kind === "rate_limited").length, 0);
    assert.equal(mock.requests.filter((r) => r.status === 429).length, 0, "the mock refused none");
    assert.ok(busiestWindow(sendTimes(mock), 1_000) <= 200);
  } finally {
    client.free();
    await mock.close();
  }
});
