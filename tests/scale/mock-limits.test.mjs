// The mock's rate limits (pkg/mock/limits.mjs): off by default; when on, sliding windows over
// the requests it accepted, and a 429 with Retry-After beyond them. Requests carry the time
// they were sent (X-Mock-Sent-At), so the windows are tested at exact times without waiting.

import assert from "node:assert/strict";
import { test } from "node:test";
import { CRONOFY_RATE_LIMIT, startMockServer } from "../../pkg/mock/index.mjs";
import { invite, SECRET } from "./helpers.mjs";

/** POSTs invite `n` as if sent at `at` ms after `origin`; resolves to the status and Retry-After. */
async function post(mock, n, at, origin) {
  const answer = await fetch(`${mock.url}/v1/smart_invites`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${SECRET}`,
      "Content-Type": "application/json; charset=utf-8",
      "X-Mock-Sent-At": String(origin + at),
    },
    body: JSON.stringify(invite(n, "limits")),
  });
  await answer.arrayBuffer();
  return { status: answer.status, retryAfter: answer.headers.get("retry-after") };
}

test("off by default: 120 requests in the same millisecond all pass", async () => {
  const mock = await startMockServer({ clientSecret: SECRET });
  try {
    const origin = Date.now();
    const answers = await Promise.all(Array.from({ length: 120 }, (_, n) => post(mock, n, 0, origin)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
  } finally {
    await mock.close();
  }
});

test("rateLimit: true enforces Cronofy's 50 per second and 500 per minute over sliding windows", async () => {
  assert.deepEqual(CRONOFY_RATE_LIMIT, { perSecond: 50, perMinute: 500 });
  const mock = await startMockServer({ clientSecret: SECRET, rateLimit: true });
  try {
    const origin = Date.now();
    let n = 0;
    // 50 in one instant pass; the 51st is refused with Retry-After: 1 (whole seconds).
    for (let i = 0; i < 50; i += 1) assert.equal((await post(mock, n++, 0, origin)).status, 200);
    assert.deepEqual(await post(mock, n++, 999, origin), { status: 429, retryAfter: "1" });
    // The window slides: at 1000 ms the first 50 have left it.
    assert.equal((await post(mock, n++, 1_000, origin)).status, 200);
    // A refused request does not count: 49 more fit in the second that began at 1000.
    for (let i = 0; i < 49; i += 1) assert.equal((await post(mock, n++, 1_500, origin)).status, 200);
    assert.equal((await post(mock, n++, 1_500, origin)).status, 429);

    // Per minute: 400 more over 8 seconds make 500 accepted; the next, in a second of its
    // own, waits until the first 50 have been in the window for 60 s: Retry-After 49 at 11 s.
    for (let second = 3; second <= 10; second += 1) {
      for (let i = 0; i < 50; i += 1) assert.equal((await post(mock, n++, second * 1_000, origin)).status, 200);
    }
    assert.deepEqual(await post(mock, n++, 11_000, origin), { status: 429, retryAfter: "49" });
    assert.equal((await post(mock, n++, 60_000, origin)).status, 200, "the first 50 left the minute");

    const limited = mock.requests.filter((r) => r.status === 429);
    assert.equal(limited.length, 3);
    for (const request of limited) {
      assert.equal(mock.writeCounts(request.smart_invite_id, request.recipient).created, 0, "a 429 stores nothing");
    }
  } finally {
    await mock.close();
  }
});

test("limits are configurable, refused requests are counted by nobody, reset forgets them", async () => {
  const mock = await startMockServer({ clientSecret: SECRET, rateLimit: { perSecond: 3 } });
  try {
    const origin = Date.now();
    const statuses = [];
    for (let n = 0; n < 6; n += 1) statuses.push((await post(mock, n, n * 100, origin)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429]);
    mock.reset();
    assert.equal((await post(mock, 7, 600, origin)).status, 200);
    mock.reset();
    // Read out of order: a request sent earlier than those before it counts at its own time.
    const late = [];
    for (const at of [1_500, 1_600, 1_700, 100, 1_750, 2_600]) late.push((await post(mock, at, at, origin)).status);
    assert.deepEqual(late, [200, 200, 200, 200, 429, 200]);
    // Control endpoints are not limited.
    for (let i = 0; i < 5; i += 1) assert.equal((await fetch(`${mock.url}/_mock/invites`)).status, 200);
    await assert.rejects(startMockServer({ rateLimit: { perSecond: 0 } }), /perSecond must be a whole number/);
  } finally {
    await mock.close();
  }
});
