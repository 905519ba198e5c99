// 500 invites with bounded concurrency while the mock injects faults into 10% of requests:
// each invite ends created exactly once at the mock, or with a typed error.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { inviteKey } from "../../pkg/mock/index.mjs";
import { clientFor, invite, SECRET, SmartInviteError, startMockServer } from "./helpers.mjs";

const INVITES = 500;
const CONCURRENCY = 32;
const KINDS = new Set(["rate_limited", "server", "timeout", "network", "invalid_response"]);

let mock;
before(async () => {
  mock = await startMockServer({
    clientSecret: SECRET,
    faultRate: 0.1,
    seed: 42,
    randomFaults: [
      "status=503",
      "status=500",
      "status=429, retry-after=0",
      "reset",
      "reset-after",
      "malformed",
      "delay=1500",
    ],
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

test(`${INVITES} invites, concurrency ${CONCURRENCY}, 10% faults`, async (t) => {
  const client = clientFor(mock, { timeoutMs: 1_000, retryDelayMs: 2, maxRetries: 2 });
  const ids = Array.from({ length: INVITES }, (_, i) => `bulk-${String(i).padStart(3, "0")}`);
  const emails = new Map(ids.map((id, i) => [id, `person${i}@example.com`]));
  const results = await pool(ids, CONCURRENCY, (id) =>
    client.upsert(invite(id, { recipient: { email: emails.get(id) } })),
  );

  const failures = {};
  results.forEach(({ value, error }, i) => {
    const id = ids[i];
    const stored = mock.find(id, emails.get(id));
    if (error) {
      assert.ok(error instanceof SmartInviteError, `${id}: untyped ${error}`);
      assert.ok(KINDS.has(error.kind), `${id}: unexpected kind ${error.kind}`);
      failures[error.kind] = (failures[error.kind] ?? 0) + 1;
    } else {
      assert.equal(value.smart_invite_id, id);
      assert.equal(value.recipient.email, emails.get(id));
      assert.ok(stored, `${id} resolved but the mock does not hold it`);
    }
    // Created at most once whatever happened; retries that reached it only updated it.
    if (stored) {
      assert.equal(stored.created, 1);
      assert.equal(stored.sequence, 0, `${id}: a retried identical upsert must not change the event`);
    }
  });

  // No invite the test did not send, none twice.
  const keys = new Set(ids.map((id) => inviteKey(id, emails.get(id))));
  for (const key of mock.invites.keys()) assert.ok(keys.has(key), `unexpected invite ${key}`);

  const faulted = mock.requests.filter((r) => r.fault).length;
  const share = faulted / mock.requests.length;
  assert.ok(share > 0.06 && share < 0.14, `fault share ${share}`);
  const succeeded = results.filter((r) => r.value).length;
  // With 2 retries a 10% fault rate leaves about 0.1^3 of invites failed (plus malformed
  // answers, which are not retried).
  assert.ok(succeeded >= INVITES * 0.9, `only ${succeeded} succeeded`);
  t.diagnostic(
    `${succeeded}/${INVITES} created, ${mock.requests.length} requests (${faulted} faulted), failures ${JSON.stringify(failures)}`,
  );
});
