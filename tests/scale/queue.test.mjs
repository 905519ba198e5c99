// smart-invite/queue against a real Redis (redis-server on 127.0.0.1, started here) and the
// package's mock playing Cronofy, with worker processes sharing one rate limit.

import assert from "node:assert/strict";
import { test } from "node:test";
import { createInviteQueue, startInviteWorker } from "../../pkg/queue/index.mjs";
import {
  assertPausedAfter429,
  busiestWindow,
  invalidInvite,
  invite,
  SECRET,
  sendTimes,
  spawnWorker,
  waitFor,
  withRedisAndMock,
} from "./helpers.mjs";

let redis;
let mock;
withRedisAndMock((started) => {
  ({ redis, mock } = started);
});

function workerConfig(name, rateLimit, extra = {}) {
  return {
    redisPort: redis.port,
    mockUrl: mock.url,
    secret: SECRET,
    name,
    rateLimit,
    // Short locks so that a killed worker's jobs are taken over within seconds.
    lockDurationMs: 3_000,
    stalledIntervalMs: 1_000,
    ...extra,
  };
}

test("add validates first, and merges a change into the identical one queued last while it waits", async () => {
  const queue = createInviteQueue({ connection: redis.connection, name: "add" });
  try {
    const refused = await queue.add(invalidInvite(1));
    assert.equal(refused.ok, false);
    assert.equal(refused.errors["event.end"][0].key, "errors.start_after_end");

    const first = await queue.add(invite(1));
    const again = await queue.add(invite(1));
    assert.deepEqual(first, again);
    assert.equal(first.ok, true);
    const changed = await queue.add({ ...invite(1), event: { ...invite(1).event, summary: "Moved" } });
    assert.notEqual(changed.jobId, first.jobId, "a changed invite is a new job");
    assert.equal(first.jobId, "scale-1|guest1%40example.com|1");
    assert.equal(changed.jobId, "scale-1|guest1%40example.com|2");
    const back = await queue.add(invite(1));
    assert.equal(back.jobId, "scale-1|guest1%40example.com|3", "the first state again is a new change");

    const many = await queue.addMany([invite(2), invalidInvite(3), invite(2), invite(4)]);
    assert.deepEqual(
      many.map((r) => r.ok),
      [true, false, true, true],
    );
    assert.equal(many[0].jobId, many[2].jobId);
    assert.equal((await queue.counts()).waiting, 5, "invite 1, changed, back; invites 2 and 4");
    assert.deepEqual(await queue.result(first.jobId), { state: "waiting" });
    assert.deepEqual(await queue.result("no-such-job"), { state: "unknown" });
  } finally {
    await queue.close();
  }
});

test("the worker sends the invite add() stored as it is, without the rules: one corrupted in Redis is refused by the API's own check, and the rest still send", async () => {
  mock.reset();
  const name = "stored";
  const queue = createInviteQueue({ connection: redis.connection, name });
  let worker;
  try {
    const added = await queue.addMany(Array.from({ length: 5 }, (_, n) => invite(n, "stored")));
    const tamper = async (n, change) => {
      const job = await queue.queue.getJob(added[n].jobId);
      await job.updateData({ ...job.data, invite: change(structuredClone(job.data.invite)) });
    };
    // Corrupted in Redis after add() validated them: sent as stored, refused by the API (422).
    await tamper(1, (stored) => Object.assign(stored, { event: { ...stored.event, start: "tomorrow at nine" } }));
    await tamper(2, (stored) => Object.assign(stored, { recipient: { email: 42 } }));
    // Still a well-formed invite that the rules would refuse: it ends when it starts.
    await tamper(3, (stored) => Object.assign(stored, { event: { ...stored.event, end: { ...stored.event.start } } }));

    worker = startInviteWorker({
      connection: redis.connection,
      name,
      client: { clientSecret: SECRET, baseUrl: mock.url },
      rateLimit: false,
    });
    await worker.ready;
    await waitFor(
      async () => {
        const c = await queue.counts();
        return c.completed + c.failed === 5;
      },
      { what: "5 jobs finished" },
    );

    const results = [];
    for (const { jobId } of added) results.push(await queue.result(jobId));
    assert.deepEqual(
      results.map((r) => r.state),
      ["completed", "failed", "failed", "failed", "completed"],
    );
    for (const n of [0, 4]) {
      assert.match(results[n].invite.attachments.icalendar, /^BEGIN:VCALENDAR/);
      assert.equal(mock.writeCounts(`stored-${n}`, `guest${n}@example.com`).created, 1);
    }
    const refusedAt = { 1: ["event.start", "errors.invalid_time"], 2: ["recipient.email", "errors.invalid_type"] };
    refusedAt[3] = ["event.end", "errors.start_after_end"];
    for (const [n, [path, key]] of Object.entries(refusedAt)) {
      const { error, attempts } = results[n];
      assert.equal(error.kind, "validation", `stored-${n}`);
      assert.equal(error.status, 422, `stored-${n}: the API's answer`);
      assert.equal(error.errors[path]?.[0].key, key, `stored-${n}: ${JSON.stringify(error.errors)}`);
      assert.equal(attempts, 1, "not tried again");
    }
    const posted = mock.requests.filter((r) => r.method === "POST").map((r) => r.smart_invite_id);
    assert.deepEqual(posted.sort(), ["stored-0", "stored-1", "stored-2", "stored-3", "stored-4"]);
  } finally {
    await worker?.close();
    await queue.close();
  }
});

test("1,000 invites through 3 worker processes under 40/s: no sliding second above it, none lost when one is SIGKILLed", async () => {
  mock.reset();
  const name = "thousand";
  const total = 1_000;
  const queue = createInviteQueue({ connection: redis.connection, name });
  const workers = [];
  try {
    // 10 invites the API refuses for good (403), 10 that meet a 503 first (retried).
    for (let n = 0; n < 10; n += 1) mock.injectFaults(["status=403"], { smartInviteId: `scale-${n}` });
    for (let n = 10; n < 20; n += 1) mock.injectFaults(["status=503"], { smartInviteId: `scale-${n}` });
    const added = await queue.addMany(Array.from({ length: total }, (_, n) => invite(n)));
    assert.ok(added.every((r) => r.ok));

    const rateLimit = { perSecond: 40, perMinute: 100_000, marginMs: 100 };
    for (let i = 0; i < 3; i += 1) workers.push(await spawnWorker(workerConfig(name, rateLimit)));

    await waitFor(async () => (await queue.counts()).completed >= 300, { what: "300 completed" });
    await workers[0].kill();

    const counts = await waitFor(
      async () => {
        const c = await queue.counts();
        return c.completed + c.failed === total && c;
      },
      { what: `${total} jobs finished`, guardMs: 240_000 },
    );
    assert.deepEqual(counts, { waiting: 0, active: 0, completed: total - 10, superseded: 0, failed: 10, delayed: 0 });

    // Measured at the mock: no sliding second holds more than the limit.
    const busiest = busiestWindow(sendTimes(mock), 1_000);
    assert.ok(busiest <= 40, `a sliding second at the mock held ${busiest} requests (limit 40)`);

    // Every invite created exactly once in the mock's store, or failed with its typed error.
    for (let n = 0; n < total; n += 1) {
      const result = await queue.result(added[n].jobId);
      const stored = mock.find(`scale-${n}`, `guest${n}@example.com`);
      if (n < 10) {
        assert.equal(result.state, "failed");
        assert.equal(result.error.kind, "forbidden");
        assert.equal(result.error.status, 403);
        assert.equal(stored, undefined);
      } else {
        assert.equal(result.state, "completed", `scale-${n}`);
        assert.match(result.invite.attachments.icalendar, /^BEGIN:VCALENDAR/);
        assert.ok(stored, `scale-${n} stored`);
        assert.equal(mock.writeCounts(`scale-${n}`, `guest${n}@example.com`).created, 1, `scale-${n} created once`);
      }
    }
    const posts = mock.requests.filter((r) => r.method === "POST" && r.status === 200);
    assert.ok(posts.length >= total - 10, "every completed job reached the mock");
    assert.equal(mock.invites.size, total - 10);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.close();
  }
});

test("a 429 with Retry-After: 2 pauses every worker, and nothing fails", async () => {
  mock.reset();
  const name = "pause";
  const total = 200;
  const queue = createInviteQueue({ connection: redis.connection, name });
  const workers = [];
  try {
    await queue.addMany(Array.from({ length: total }, (_, n) => invite(n, "pause")));
    const rateLimit = { perSecond: 40, marginMs: 100 };
    for (let i = 0; i < 3; i += 1) workers.push(await spawnWorker(workerConfig(name, rateLimit)));
    await waitFor(() => mock.requests.length >= 40, { what: "40 requests" });
    mock.injectFaults(["status=429, retry-after=2"]);
    await waitFor(async () => (await queue.counts()).completed === total, { what: "all completed" });

    const counts = await queue.counts();
    assert.equal(counts.failed, 0);
    // From when the worker read the 429: the other two workers may still send what already
    // held a slot (8 jobs each at most) before they hear of the pause through Redis; nothing else.
    const receipts = workers.flatMap((w) => w.lines()).filter((line) => line.startsWith("429 "));
    assert.equal(receipts.length, 1, "one worker read the 429");
    const receivedAt = Number(receipts[0].slice(4));
    const at = assertPausedAfter429(mock, { receivedAt, pauseMs: 2_000, inFlight: 2 * 8 });
    assert.ok(
      mock.requests.some((r) => r.sent >= at + 2_000),
      "sending resumed after the pause",
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.close();
  }
});
