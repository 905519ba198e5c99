// Retries, counted at the server: what is retried and how often, Retry-After, timeouts.
// Waits are checked from below only (a busy machine makes them longer, never shorter); how long
// they take in fact is measured by `make bench-client` (bench/client/timing.mjs). The per-test
// timeouts are hang guards: a client that never gave up would stop the suite there.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { attempts, clientFor, faultyClient, invite, rejection, SECRET, startMockServer } from "./helpers.mjs";

let mock;
before(async () => {
  mock = await startMockServer({ clientSecret: SECRET });
});
after(() => mock.close());

for (const fault of ["status=503", "status=500", "status=429", "reset"]) {
  test(`${fault} is retried maxRetries times`, async () => {
    const id = `retry-${fault}`;
    const error = await rejection(faultyClient(mock, fault).upsert(invite(id)));
    assert.equal(attempts(mock, id), 3, "1 attempt + 2 retries (the default)");
    assert.match(error.message, /\(3 attempts\)\.$/);
    const id5 = `${id}-5`;
    await rejection(faultyClient(mock, fault, { maxRetries: 5 }).upsert(invite(id5)));
    assert.equal(attempts(mock, id5), 6);
  });
}

for (const status of [400, 401, 402, 403, 404, 409, 422]) {
  test(`HTTP ${status} is never retried`, async () => {
    const id = `no-retry-${status}`;
    await rejection(faultyClient(mock, `status=${status}`).upsert(invite(id)));
    assert.equal(attempts(mock, id), 1);
  });
}

test("a transient failure then success: one invite, resolved", async () => {
  mock.injectFaults(["status=503", "reset"], { smartInviteId: "recover-1" });
  const answer = await clientFor(mock).upsert(invite("recover-1"));
  assert.equal(answer.smart_invite_id, "recover-1");
  assert.equal(attempts(mock, "recover-1"), 3);
  // The two faults answered before any work: only the third request wrote, and it created.
  const third = mock.requests.filter((r) => r.smart_invite_id === "recover-1")[2];
  assert.deepEqual(
    mock.writes.filter((w) => w.smart_invite_id === "recover-1").map((w) => [w.request, w.action]),
    [[third.id, "created"]],
  );
  assert.deepEqual(mock.writeCounts("recover-1", "ann@example.com"), {
    created: 1,
    updated: 0,
    cancelled: 0,
    removed: 0,
  });
});

test("a reset after the invite was saved: the retry updates it, never a second invite", async () => {
  mock.injectFaults(["reset-after"], { smartInviteId: "reset-after-1" });
  const answer = await clientFor(mock).upsert(invite("reset-after-1"));
  assert.equal(answer.smart_invite_id, "reset-after-1");
  const stored = mock.find("reset-after-1", "ann@example.com");
  assert.equal(stored.sequence, 0);
  // Both requests reached the mock and wrote: the first created (then its connection was
  // reset), the retry updated.
  const requests = mock.requests.filter((r) => r.smart_invite_id === "reset-after-1");
  assert.deepEqual(
    requests.map((r) => r.fault),
    ["reset-after", undefined],
  );
  assert.deepEqual(
    mock.writes.filter((w) => w.smart_invite_id === "reset-after-1").map((w) => [w.request, w.action]),
    [
      [requests[0].id, "created"],
      [requests[1].id, "updated"],
    ],
  );
  assert.deepEqual(mock.writeCounts("reset-after-1", "ann@example.com"), {
    created: 1,
    updated: 1,
    cancelled: 0,
    removed: 0,
  });
});

const HANG_GUARD = { timeout: 60_000 };

test("Retry-After in seconds is waited for, not the backoff", HANG_GUARD, async () => {
  mock.injectFaults(["status=429, retry-after=1"], { smartInviteId: "ra-1" });
  await clientFor(mock, { retryDelayMs: 0 }).upsert(invite("ra-1"));
  const [first, second] = mock.requests.filter((r) => r.smart_invite_id === "ra-1");
  assert.equal(attempts(mock, "ra-1"), 2);
  // Measured at the mock, between the arrivals of the two requests: at least the second the
  // answer asked for (a backoff of retryDelayMs 0 would have retried at once).
  const gap = second.started - first.started;
  assert.ok(gap >= 990, `the retry came ${gap} ms after the 429 that said 1 s`);
});

test("Retry-After as an HTTP date is honoured", HANG_GUARD, async () => {
  const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
  mock.injectFaults([`status=503, retry-after=${at.toUTCString()}`], { smartInviteId: "ra-2" });
  await clientFor(mock, { retryDelayMs: 0 }).upsert(invite("ra-2"));
  const second = mock.requests.filter((r) => r.smart_invite_id === "ra-2")[1];
  assert.ok(performance.timeOrigin + second.started >= at.getTime() - 5, "the retry came before the date");
});

test("a Retry-After longer than maxRetryAfterMs ends the retries with retryAfterMs", async () => {
  const error = await rejection(faultyClient(mock, "status=429, retry-after=120").upsert(invite("ra-3")));
  assert.equal(error.kind, "rate_limited");
  assert.equal(error.retryAfterMs, 120_000);
  assert.equal(attempts(mock, "ra-3"), 1);
});

test("backoff grows between attempts", HANG_GUARD, async () => {
  await rejection(faultyClient(mock, "status=503", { retryDelayMs: 100, maxRetries: 2 }).upsert(invite("bo-1")));
  // Waits of 50..100 ms then 100..200 ms: measured at the mock, at least the lower end of each.
  const [a, b, c] = mock.requests.filter((r) => r.smart_invite_id === "bo-1").map((r) => r.started);
  assert.ok(b - a >= 50, `first wait ${b - a} ms, at least half of retryDelayMs`);
  assert.ok(c - b >= 100, `second wait ${c - b} ms, at least half of 2 x retryDelayMs`);
});

test("each attempt has its own timeout, and a timeout is retried", HANG_GUARD, async () => {
  const started = performance.now();
  const error = await rejection(faultyClient(mock, "hang", { timeoutMs: 100, maxRetries: 2 }).upsert(invite("to-r")));
  const elapsed = performance.now() - started;
  assert.equal(error.kind, "timeout");
  assert.equal(attempts(mock, "to-r"), 3);
  assert.ok(elapsed >= 300, `three attempts of 100 ms each took ${elapsed} ms`);
});

test("a slow answer within the timeout is fine", HANG_GUARD, async () => {
  // 150 ms late, against a 10 s timeout: only a machine stalled for seconds would time out.
  const answer = await faultyClient(mock, "delay=150", { timeoutMs: 10_000 }).upsert(invite("slow-1"));
  assert.equal(answer.smart_invite_id, "slow-1");
});

test("a slow answer past the timeout is a timeout", HANG_GUARD, async () => {
  const error = await rejection(
    faultyClient(mock, "delay=400", { timeoutMs: 100, maxRetries: 0 }).upsert(invite("slow-2")),
  );
  assert.equal(error.kind, "timeout");
});
