// The last change wins, per invite: smart-invite/queue against a real Redis and the package's
// mock playing Cronofy (`mock.invites` is what Cronofy would hold), with worker processes
// killed mid-send, 5xx answers retried, and a proxy in front of the mock that records what
// reached it in which order (and can hold requests, so that a kill finds them in flight).
//
// Every change carries its number in `callback_url` (…/change/N, N growing in the order the
// test queues them; the API and the mock keep it on a request), so the order at the mock and
// the request Cronofy holds are both visible.

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { validateInvite } from "../../pkg/gen/node.mjs";
import { InviteStore, inviteKey } from "../../pkg/mock/store.mjs";
import { createInviteQueue, startInviteWorker } from "../../pkg/queue/index.mjs";
import { SECRET, spawnWorker, startGate, waitFor, withRedisAndMock } from "./helpers.mjs";

let redis;
let mock;
withRedisAndMock((started) => {
  ({ redis, mock } = started);
});

const EVENT = { start: "2026-09-10T15:00:00Z", end: "2026-09-10T16:00:00Z", tzid: "Europe/London" };
let changes = 0;
const tag = () => `http://127.0.0.1:9/change/${++changes}`;
/** The number of a change, from its body or its callback_url. */
const numberOf = (text) => Number(/\/change\/(\d+)/.exec(text)?.[1]);
const person = (name) => ({ email: `${name}@example.com` });
/** `who`: a name (the single-recipient form) or an array of names (multi-recipient). */
const people = (who) => (Array.isArray(who) ? { recipients: who.map(person) } : { recipient: person(who) });

const request = (id, who, summary) => ({
  smart_invite_id: id,
  ...people(who),
  callback_url: tag(),
  event: { ...EVENT, summary },
});
const cancel = (id, who) => ({ method: "cancel", smart_invite_id: id, ...people(who), callback_url: tag() });
const remove = (id, name) => ({ method: "remove", smart_invite_id: id, recipient: person(name), callback_url: tag() });

/** What Cronofy holds for an invite, as far as its changes decide it. */
function held(store, id, name) {
  const record = store.invites.get(name ? inviteKey(id, `${name}@example.com`) : inviteKey(id));
  if (!record) return null;
  const who = Object.fromEntries([...record.recipients.values()].map((p) => [p.email, Boolean(p.removed)]));
  if (record.cancelled) return { cancelled: true, who };
  return { cancelled: false, who, summary: record.event.summary, change: numberOf(record.callback_url) };
}

/** Waits until every one of `total` jobs has finished; returns the counts. */
function drained(queue, total) {
  return waitFor(
    async () => {
      const c = await queue.counts();
      return c.waiting + c.active + c.delayed === 0 && c.completed + c.superseded + c.failed === total && c;
    },
    { what: `${total} jobs finished`, everyMs: 50 },
  );
}

/** Asserts that no change reached the mock after a later change of the same invite. */
function assertInOrder(bodies, identityOf) {
  const last = new Map();
  for (const body of bodies) {
    const n = numberOf(body);
    if (!Number.isFinite(n)) continue;
    const identity = identityOf(JSON.parse(body));
    assert.ok(
      n >= (last.get(identity) ?? 0),
      `change ${n} of ${identity} reached the mock after change ${last.get(identity)}`,
    );
    last.set(identity, n);
  }
}
const identityOf = (change) =>
  change.recipients || change.method === "remove"
    ? change.smart_invite_id
    : `${change.smart_invite_id}/${change.recipient.email}`;

function workerConfig(name, url, extra = {}) {
  return {
    redisPort: redis.port,
    mockUrl: url,
    secret: SECRET,
    name,
    rateLimit: { perSecond: 200, perMinute: 100_000 },
    concurrency: 4,
    // Short locks and leases: a killed worker's jobs, and its invites, are free within seconds.
    lockDurationMs: 3_000,
    stalledIntervalMs: 1_000,
    ...extra,
  };
}

test("which change a later one makes moot: every cell of the table in docs/scale.md", async () => {
  const name = "rules";
  const queue = createInviteQueue({ connection: redis.connection, name });
  const drain = async (total) => {
    const worker = startInviteWorker({
      connection: redis.connection,
      name,
      client: { clientSecret: SECRET, baseUrl: mock.url },
      rateLimit: false,
    });
    try {
      await worker.ready;
      return await drained(queue, total);
    } finally {
      await worker.close();
    }
  };
  const group = ["ann", "bob"];
  // [the cell, whether Cronofy holds the invite first, its changes (queued together), the
  //  state each ends in]
  const cells = [
    ["request, then a request", true, (id) => [request(id, "ann", "A"), request(id, "ann", "B")], ["superseded"]],
    ["request, then a cancel", true, (id) => [request(id, "ann", "A"), cancel(id, "ann")], ["superseded"]],
    ["request, then a cancel, never held", false, (id) => [request(id, "ann", "A"), cancel(id, "ann")], ["completed"]],
    ["cancel, then a request", true, (id) => [cancel(id, "ann"), request(id, "ann", "B")], ["superseded"]],
    ["cancel, then a cancel", true, (id) => [cancel(id, "ann"), cancel(id, "ann")], ["superseded"]],
    ["request to ann, then to bob", false, (id) => [request(id, "ann", "A"), request(id, "bob", "B")], ["completed"]],
    [
      "[ann, bob]: request, then a request",
      true,
      (id) => [request(id, group, "A"), request(id, group, "B")],
      ["superseded"],
    ],
    [
      "[ann, bob]: request, then one for [bob, ann]",
      true,
      (id) => [request(id, group, "A"), request(id, ["bob", "ann"], "B")],
      ["superseded"],
    ],
    [
      "[ann, bob]: request, then one for [ann] only",
      true,
      (id) => [request(id, group, "A"), request(id, ["ann"], "B")],
      ["completed"],
    ],
    ["[ann, bob]: request, then a cancel", true, (id) => [request(id, group, "A"), cancel(id, group)], ["completed"]],
    ["[ann, bob]: cancel, then a request", true, (id) => [cancel(id, group), request(id, group, "B")], ["superseded"]],
    ["[ann, bob]: cancel, then a cancel", true, (id) => [cancel(id, group), cancel(id, group)], ["superseded"]],
    ["[ann, bob]: request, then remove bob", true, (id) => [request(id, group, "A"), remove(id, "bob")], ["completed"]],
    ["[ann, bob]: cancel, then remove bob", true, (id) => [cancel(id, group), remove(id, "bob")], ["completed"]],
    [
      "[ann, bob]: remove bob, then a request",
      true,
      (id) => [remove(id, "bob"), request(id, group, "B")],
      ["completed"],
    ],
    ["[ann, bob]: remove bob, then a cancel", true, (id) => [remove(id, "bob"), cancel(id, group)], ["completed"]],
    ["[ann, bob]: remove ann, then remove bob", true, (id) => [remove(id, "ann"), remove(id, "bob")], ["completed"]],
    [
      "[ann, bob]: request, remove bob, request: nothing skips across a removal",
      true,
      (id) => [request(id, group, "A"), remove(id, "bob"), request(id, group, "B")],
      ["completed", "completed"],
    ],
  ];
  try {
    // Cronofy holds the invite first where the cell says so.
    const first = await queue.addMany(
      cells.flatMap(([, holds, changesOf], k) => {
        if (!holds) return [];
        const single = changesOf(`probe-${k}`).every((c) => c.recipient && c.method !== "remove");
        return [request(`rule-${k}`, single ? "ann" : group, "held")];
      }),
    );
    await drain(first.length);
    const added = [];
    for (const [, , changesOf] of cells) added.push(changesOf(`rule-${added.length}`));
    const results = await queue.addMany(added.flat());
    assert.ok(results.every((r) => r.ok));
    await drain(first.length + results.length);

    let at = 0;
    for (const [k, [cell, , , states]] of cells.entries()) {
      const ended = [];
      for (const job of results.slice(at, at + added[k].length)) ended.push((await queue.result(job.jobId)).state);
      at += added[k].length;
      assert.deepEqual(ended, [...states, "completed"], cell);
    }
  } finally {
    await queue.close();
  }
});

test("four patterns, 30 invites each, through 3 worker processes, one SIGKILLed mid-send, with 5xx retries: Cronofy ends with the last change of each", async () => {
  mock.reset();
  const name = "patterns";
  const gate = await startGate(mock.url);
  const queue = createInviteQueue({ connection: redis.connection, name });
  const workers = [];
  const ids = (pattern) => Array.from({ length: 30 }, (_, n) => `${pattern}-${n}`);
  try {
    // A 503 first for a third of the invites, a 300 ms answer for another third.
    for (const id of ["abc", "aba", "cancel", "remove"].flatMap(ids)) {
      const n = Number(id.split("-")[1]);
      if (n % 3 === 0) mock.injectFaults(["status=503"], { smartInviteId: id });
      if (n % 3 === 1) mock.injectFaults(["delay=300"], { smartInviteId: id });
    }
    const queued = [];
    for (const id of ids("abc")) queued.push(request(id, "ann", "A"), request(id, "ann", "B"), request(id, "ann", "C"));
    for (const id of ids("cancel")) queued.push(request(id, "ann", "A"), request(id, "ann", "B"), cancel(id, "ann"));
    for (const id of ids("remove")) {
      queued.push(request(id, ["ann", "bob"], "A"), remove(id, "bob"), request(id, ["ann"], "B"));
    }
    const firstA = ids("aba").map((id) => request(id, "ann", "A"));
    const added = await queue.addMany([...queued, ...firstA]);
    assert.ok(added.every((r) => r.ok));
    let total = added.length;

    for (let i = 0; i < 3; i += 1) workers.push(await spawnWorker(workerConfig(name, gate.url)));
    // The kill: once 9 requests are held at the gate, each worker has one in flight (4 each at
    // most); the killed worker's requests then reach the mock after it died.
    await waitFor(() => gate.bodies.length >= 20, { what: "20 requests" });
    gate.hold();
    await waitFor(() => gate.held() >= 9, { what: "9 requests in flight", everyMs: 5 });
    await workers[0].kill();
    gate.open();
    workers.push(await spawnWorker(workerConfig(name, gate.url)));

    // A, B, then A again, each queued once the one before was sent.
    const sent = async (results) => {
      await waitFor(
        async () => {
          for (const r of results) if ((await queue.result(r.jobId)).state !== "completed") return false;
          return true;
        },
        { what: "the changes sent", everyMs: 100 },
      );
    };
    await sent(added.slice(-30));
    const thenB = await queue.addMany(ids("aba").map((id) => request(id, "ann", "B")));
    await sent(thenB);
    const secondA = ids("aba").map((id) => request(id, "ann", "A"));
    const backToA = await queue.addMany(secondA);
    assert.ok(backToA.every((r) => r.ok));
    assert.ok(
      backToA.every((r, k) => r.jobId !== added[added.length - 30 + k].jobId),
      "the first state again is a new job",
    );
    total += thenB.length + backToA.length;

    const counts = await drained(queue, total);
    const failed = await queue.queue.getFailed();
    assert.equal(
      counts.failed,
      0,
      `failed: ${failed.map((j) => `${j.id} ${j.failedReason} (${j.attemptsStarted} starts)`).join("; ")}`,
    );
    const lastOf = (id) => numberOf(queued.findLast((c) => c.smart_invite_id === id).callback_url);
    for (const id of ids("abc")) {
      const ann = { "ann@example.com": false };
      assert.deepEqual(held(mock, id, "ann"), { cancelled: false, who: ann, summary: "C", change: lastOf(id) });
    }
    const abc = added.slice(0, 90);
    for (let k = 0; k < 90; k += 3) {
      assert.equal((await queue.result(abc[k].jobId)).state, "superseded", "A: B came after it");
      assert.equal((await queue.result(abc[k + 1].jobId)).state, "superseded", "B: C came after it");
    }
    for (const [k, id] of ids("aba").entries()) {
      const holds = held(mock, id, "ann");
      assert.equal(holds.summary, "A", id);
      assert.equal(holds.change, numberOf(secondA[k].callback_url), `${id}: the second A, sent after B`);
    }
    for (const id of ids("cancel")) assert.equal(held(mock, id, "ann")?.cancelled, true, `${id} cancelled`);
    for (const id of ids("remove")) {
      assert.deepEqual(held(mock, id), {
        cancelled: false,
        who: { "ann@example.com": false, "bob@example.com": true },
        summary: "B",
        change: lastOf(id),
      });
    }
    assertInOrder(gate.bodies, identityOf);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.close();
    await gate.close();
  }
});

test("property: random requests, cancels and removals over a few invites, 3 worker processes, random kills: Cronofy ends as the changes in order would leave it, and no change is sent after a later one", async () => {
  mock.reset();
  const name = "property";
  const gate = await startGate(mock.url);
  const queue = createInviteQueue({ connection: redis.connection, name });
  const workers = [];
  for (let i = 0; i < 3; i += 1) workers.push(await spawnWorker(workerConfig(name, gate.url)));
  let total = 0;
  let run = 0;
  // Two single-recipient invites of one id (ann's and bob's) and a multi-recipient one.
  const change = fc.oneof(
    fc.record({
      to: fc.constantFrom("ann", "bob"),
      kind: fc.constantFrom("request", "request", "cancel"),
      summary: fc.constantFrom("A", "B"),
    }),
    fc.record({
      to: fc.constant("group"),
      kind: fc.constantFrom("request", "request", "cancel", "remove"),
      summary: fc.constantFrom("A", "B"),
      others: fc.subarray(["bob", "cat"]),
    }),
  );
  const step = fc.record({
    change,
    // Wait for the queue to drain after this change (so the next one follows a sent one).
    settle: fc.boolean(),
    // A fault for the next request of this invite's id at the mock.
    fault: fc.constantFrom(null, null, "status=503", "delay=200"),
  });
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 2, maxLength: 10 }),
        fc.nat(9),
        fc.nat(2),
        async (steps, killAt, victim) => {
          run += 1;
          const single = `prop-${run}-single`;
          const group = `prop-${run}-group`;
          const queued = [];
          for (const [k, { change: c, settle, fault }] of steps.entries()) {
            const id = c.to === "group" ? group : single;
            const payload =
              c.to !== "group"
                ? c.kind === "request"
                  ? request(id, c.to, c.summary)
                  : cancel(id, c.to)
                : c.kind === "request"
                  ? request(id, ["ann", ...c.others], c.summary)
                  : c.kind === "cancel"
                    ? cancel(id, ["ann", ...c.others])
                    : remove(id, c.others[0] ?? "bob");
            if (fault) mock.injectFaults([fault], { smartInviteId: id });
            const added = await queue.add(payload);
            assert.ok(added.ok, JSON.stringify(added));
            queued.push(payload);
            total += 1;
            if (k === killAt) {
              await workers[victim].kill();
              workers[victim] = await spawnWorker(workerConfig(name, gate.url));
            }
            if (settle) await drained(queue, total);
          }
          await drained(queue, total);

          // What the changes, every one applied in order, would leave.
          const model = new InviteStore({
            buildIcs: () => "",
            now: () => new Date(),
            forwardingAddress: "o@example.com",
          });
          for (const payload of queued) model.apply(validateInvite(payload).invite);
          for (const [id, who] of [
            [single, "ann"],
            [single, "bob"],
            [group, undefined],
          ]) {
            assert.deepEqual(held(mock, id, who), held(model, id, who), `${id} ${who ?? ""}`);
          }
          assertInOrder(
            gate.bodies.filter((body) => body.includes(`"prop-${run}-`)),
            identityOf,
          );
        },
      ),
      { numRuns: 8 },
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await queue.close();
    await gate.close();
  }
});
