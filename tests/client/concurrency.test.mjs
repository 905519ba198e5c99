// 500 invites with bounded concurrency while the mock injects faults into 10% of requests:
// each invite that reached the mock was created there exactly once (the first request that
// reached it created it, every later one updated it), counted against the requests the mock
// logged; every other outcome is a typed error.
//
// No wall-clock bound: the attempt timeout (5 s) only has to be shorter than the 5.5 s delay
// fault, which makes the mock apply an invite after its client gave up and retried, and is
// otherwise a hang guard. `make bench-client` measures the answers at 32 in flight: median
// 61 ms, slowest 867 ms of 2,000 on the 2-core machine at load average 8.8 (docs/client.md). A
// slower answer still passes every check below but the success floor: its attempt times out,
// and the retry updates.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { inviteKey, RANDOM_FAULTS } from "../../pkg/mock/index.mjs";
import { clientFor, invite, SECRET, SmartInviteError, startMockServer } from "./helpers.mjs";

const INVITES = 500;
const CONCURRENCY = 32;
const TIMEOUT_MS = 5_000;
const KINDS = new Set(["rate_limited", "server", "timeout", "network", "invalid_response"]);

let mock;
before(async () => {
  mock = await startMockServer({
    clientSecret: SECRET,
    faultRate: 0.1,
    seed: 42,
    randomFaults: [...RANDOM_FAULTS, `delay=${TIMEOUT_MS + 500}`],
  });
});
after(() => mock.close());

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]).then(
        (value) => ({ value }),
        (error) => ({ error }),
      );
    }
  });
  await Promise.all(runners);
  return results;
}

/** Groups `items` by `key(item)` in one pass. */
function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return groups;
}

test(`${INVITES} invites, concurrency ${CONCURRENCY}, 10% faults`, { timeout: 300_000 }, async (t) => {
  const client = clientFor(mock, { timeoutMs: TIMEOUT_MS, retryDelayMs: 2, maxRetries: 2 });
  const ids = Array.from({ length: INVITES }, (_, i) => `bulk-${String(i).padStart(3, "0")}`);
  const emails = new Map(ids.map((id, i) => [id, `person${i}@example.com`]));
  const results = await pool(ids, CONCURRENCY, (id) =>
    client.upsert(invite(id, { recipient: { email: emails.get(id) } })),
  );
  // A delayed request goes on after its client timed out: count once all are done.
  await mock.settled();

  const requestsOf = groupBy(mock.requests, (r) => r.smart_invite_id);
  const writesOf = groupBy(mock.writes, (w) => w.smart_invite_id);
  const failures = {};
  let reached = 0;
  let updatedByRetry = 0;
  results.forEach(({ value, error }, i) => {
    const id = ids[i];
    const email = emails.get(id);
    const stored = mock.find(id, email);
    // The requests of this invite that the mock applied (validated and stored), faults such as
    // reset-after and malformed included: each is one write, the first a create.
    const applied = (requestsOf.get(id) ?? []).filter((r) => r.outcome === "request").map((r) => r.id);
    const writes = writesOf.get(id) ?? [];
    assert.deepEqual(writes.map((w) => w.request).sort(), [...applied].sort(), `${id}: one write per applied request`);
    assert.deepEqual(
      writes.map((w) => w.action),
      writes.map((_, n) => (n === 0 ? "created" : "updated")),
      `${id}: created by the first write that reached the mock, updated by every later one`,
    );
    assert.ok(
      writes.every((w) => w.email === email),
      `${id}: written for ${writes.map((w) => w.email)}`,
    );
    const counts = mock.writeCounts(id, email);
    assert.deepEqual(counts, {
      created: applied.length > 0 ? 1 : 0,
      updated: Math.max(0, applied.length - 1),
      cancelled: 0,
      removed: 0,
    });
    if (applied.length > 0) {
      reached += 1;
      updatedByRetry += applied.length - 1;
      assert.ok(stored, `${id} was written but the mock does not hold it`);
      assert.equal(stored.sequence, 0, `${id}: a retried identical upsert must not change the event`);
    } else {
      assert.equal(stored, undefined, `${id}: held without a write`);
    }

    if (error) {
      assert.ok(error instanceof SmartInviteError, `${id}: untyped ${error}`);
      assert.ok(KINDS.has(error.kind), `${id}: unexpected kind ${error.kind}`);
      failures[error.kind] = (failures[error.kind] ?? 0) + 1;
    } else {
      assert.equal(value.smart_invite_id, id);
      assert.equal(value.recipient.email, email);
      assert.ok(applied.length > 0, `${id} resolved but no request of it was applied`);
    }
  });

  // No invite the test did not send, and no write to one.
  const keys = new Set(ids.map((id) => inviteKey(id, emails.get(id))));
  for (const key of mock.invites.keys()) assert.ok(keys.has(key), `unexpected invite ${key}`);
  assert.equal(mock.writes.length, mock.requests.filter((r) => r.outcome === "request").length);
  // The writes that were updates happened: retries after a reset-after or a late delayed
  // request reached an invite already created, and still created nothing.
  assert.ok(updatedByRetry > 0, "no request updated an invite: the faults did not exercise the retries");

  const faulted = mock.requests.filter((r) => r.fault).length;
  const share = faulted / mock.requests.length;
  assert.ok(share > 0.06 && share < 0.14, `fault share ${share}`);
  const succeeded = results.filter((r) => r.value).length;
  // With 2 retries a 10% fault rate leaves about 0.1^3 of invites failed (plus malformed
  // answers, which are not retried).
  assert.ok(succeeded >= INVITES * 0.9, `only ${succeeded} succeeded`);
  t.diagnostic(
    `${succeeded}/${INVITES} resolved, ${reached} created once each and updated ${updatedByRetry} times by retries; ` +
      `${mock.requests.length} requests (${faulted} faulted), failures ${JSON.stringify(failures)}`,
  );
});
