// Retries, counted at the server: what is retried and how often, Retry-After, timeouts.

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
  assert.equal(mock.find("recover-1", "ann@example.com").created, 1);
});

test("a reset after the invite was saved: the retry updates it, never a second invite", async () => {
  mock.injectFaults(["reset-after"], { smartInviteId: "reset-after-1" });
  const answer = await clientFor(mock).upsert(invite("reset-after-1"));
  assert.equal(answer.smart_invite_id, "reset-after-1");
  const stored = mock.find("reset-after-1", "ann@example.com");
  assert.deepEqual([stored.created, stored.updated, stored.sequence], [1, 1, 0]);
});

test("Retry-After in seconds is waited for exactly, not the backoff", async () => {
  mock.injectFaults(["status=429, retry-after=1"], { smartInviteId: "ra-1" });
  const started = performance.now();
  await clientFor(mock, { retryDelayMs: 0 }).upsert(invite("ra-1"));
  const waited = performance.now() - started;
  assert.ok(waited >= 990 && waited < 1_800, `waited ${waited} ms`);
  assert.equal(attempts(mock, "ra-1"), 2);
});

test("Retry-After as an HTTP date is honoured", async () => {
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

test("backoff grows between attempts", async () => {
  const started = performance.now();
  await rejection(faultyClient(mock, "status=503", { retryDelayMs: 100, maxRetries: 2 }).upsert(invite("bo-1")));
  const elapsed = performance.now() - started;
  // Waits of 50..100 ms then 100..200 ms.
  assert.ok(elapsed >= 150 && elapsed < 1_000, `elapsed ${elapsed} ms`);
});

test("each attempt has its own timeout, and a timeout is retried", async () => {
  const started = performance.now();
  const error = await rejection(faultyClient(mock, "hang", { timeoutMs: 100, maxRetries: 2 }).upsert(invite("to-r")));
  const elapsed = performance.now() - started;
  assert.equal(error.kind, "timeout");
  assert.equal(attempts(mock, "to-r"), 3);
  assert.ok(elapsed >= 300 && elapsed < 2_000, `elapsed ${elapsed} ms`);
});

test("a slow answer within the timeout is fine", async () => {
  const answer = await faultyClient(mock, "delay=150", { timeoutMs: 1_000 }).upsert(invite("slow-1"));
  assert.equal(answer.smart_invite_id, "slow-1");
});

test("a slow answer past the timeout is a timeout", async () => {
  const error = await rejection(
    faultyClient(mock, "delay=400", { timeoutMs: 100, maxRetries: 0 }).upsert(invite("slow-2")),
  );
  assert.equal(error.kind, "timeout");
});
