// client.upsertMany against the package's mock on 127.0.0.1: validation first and once, one
// result per input in order, progress, abort.

import assert from "node:assert/strict";
import { test } from "node:test";
import { SmartInviteClient, SmartInviteError, validateInvite } from "../../pkg/gen/node.mjs";
import { defaultFetch } from "../../pkg/lib/node-http.mjs";
import { startMockServer } from "../../pkg/mock/index.mjs";
import { invalidInvite, invite, SECRET } from "./helpers.mjs";

function clientFor(mock, options = {}) {
  return new SmartInviteClient({ clientSecret: SECRET, baseUrl: mock.url, retryDelayMs: 5, ...options });
}

test("validates everything before sending anything; one result per input, in input order", async () => {
  const mock = await startMockServer({ clientSecret: SECRET });
  const client = clientFor(mock);
  try {
    const payloads = Array.from({ length: 60 }, (_, n) =>
      n % 7 === 3 ? invalidInvite(n, "order") : invite(n, "order"),
    );
    payloads.push("{not json");
    // Requests for the invites after the first 20 answer at once; the first 20 take longer,
    // so completion order differs from input order.
    for (let n = 0; n < 20; n += 1) mock.injectFaults(["delay=60"], { smartInviteId: `order-${n}` });
    let sentBeforeValidation = -1;
    const progress = [];
    const results = await client.upsertMany(payloads, {
      concurrency: 16,
      onProgress: (done, total, failed) => {
        if (sentBeforeValidation < 0) sentBeforeValidation = mock.requests.length;
        progress.push([done, total, failed]);
      },
    });

    assert.equal(sentBeforeValidation, 0, "the first progress report (after validation) came before any request");
    assert.equal(results.length, payloads.length);
    payloads.forEach((payload, n) => {
      const result = results[n];
      if (typeof payload === "string" || n % 7 === 3) {
        assert.equal(result.ok, false, `input ${n}`);
        assert.ok(result.error instanceof SmartInviteError);
        assert.equal(result.error.kind, "validation");
      } else {
        assert.equal(result.ok, true, `input ${n}`);
        assert.equal(result.invite.smart_invite_id, `order-${n}`, "results in input order");
        assert.equal(mock.writeCounts(`order-${n}`, `guest${n}@example.com`).created, 1);
      }
    });
    const invalid = results.filter((r) => !r.ok).length;
    assert.equal(invalid, 9 + 1);
    assert.equal(mock.requests.length, payloads.length - invalid, "nothing sent for an invalid invite");
    assert.deepEqual(progress[0], [invalid, payloads.length, invalid]);
    assert.deepEqual(progress.at(-1), [payloads.length, payloads.length, invalid]);
    for (let i = 1; i < progress.length; i += 1) assert.equal(progress[i][0], progress[i - 1][0] + 1);
  } finally {
    client.free();
    await mock.close();
  }
});

/** A copy of `payload` whose smart_invite_id is a getter that counts its reads in `reads`. */
function counted(payload, reads) {
  const id = payload.smart_invite_id;
  const copy = { ...payload };
  Object.defineProperty(copy, "smart_invite_id", {
    enumerable: true,
    get() {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return id;
    },
  });
  return copy;
}

/** What a test compares of a SmartInviteError. */
const shown = (error) => ({
  isSmartInviteError: error instanceof SmartInviteError,
  kind: error.kind,
  message: error.message,
  errors: error.errors,
});

test("each payload is validated once; an invalid one gets the very error upsert() rejects it with", async () => {
  const mock = await startMockServer({ clientSecret: SECRET });
  const client = clientFor(mock);
  // upsert() validates what it is given: upsertMany must not hand it what it validated already.
  let upserts = 0;
  client.upsert = function upsert(payload) {
    upserts += 1;
    return Object.getPrototypeOf(client).upsert.call(this, payload);
  };
  try {
    const reads = new Map();
    // One validation reads the payload once (it crosses into wasm as one JSON text).
    validateInvite(counted(invite(0, "once"), reads));
    assert.equal(reads.get("once-0"), 1);
    reads.clear();

    const payloads = Array.from({ length: 40 }, (_, n) => {
      if (n % 10 === 4) return counted(invalidInvite(n, "once"), reads);
      // Valid for validateInvite, but upsert() refuses another method.
      if (n % 10 === 7) return counted({ ...invite(n, "once"), method: "cancel" }, reads);
      return counted(invite(n, "once"), reads);
    });
    payloads.push("{not json", undefined);
    const results = await client.upsertMany(payloads, { concurrency: 4 });

    for (let n = 0; n < 40; n += 1) assert.equal(reads.get(`once-${n}`), 1, `payload ${n} read once`);
    assert.equal(upserts, 0, "no invite validated a second time by upsert()");
    const invalid = results.flatMap((r, k) => (r.ok ? [] : [k]));
    assert.deepEqual(invalid, [4, 7, 14, 17, 24, 27, 34, 37, 40, 41]);
    assert.equal(mock.requests.length, payloads.length - invalid.length, "the valid ones sent, once each");
    for (const k of invalid) {
      const thrown = await client.upsert(payloads[k]).then(
        () => assert.fail(`upsert accepted payload ${k}`),
        (error) => error,
      );
      assert.equal(thrown.kind, "validation");
      assert.deepEqual(shown(results[k].error), shown(thrown), `payload ${k}`);
    }
    assert.match(results[7].error.errors.method[0].description, /call cancel\(\) instead/);
    assert.equal(mock.requests.length, payloads.length - invalid.length, "upsert() sent none of them either");
  } finally {
    client.free();
    await mock.close();
  }
});

test("a failure is a result, not a throw; an aborted signal leaves the rest unsent with kind aborted", async () => {
  const mock = await startMockServer({ clientSecret: SECRET });
  const client = clientFor(mock, { maxRetries: 0 });
  try {
    mock.injectFaults(["status=403"], { smartInviteId: "abort-2" });
    const controller = new AbortController();
    const seen = [];
    const results = await client.upsertMany(
      Array.from({ length: 40 }, (_, n) => invite(n, "abort")),
      {
        concurrency: 2,
        onResult: (_result, index) => {
          seen.push(index);
          if (seen.length === 10) controller.abort();
        },
        signal: controller.signal,
      },
    );
    assert.equal(results[2].ok, false);
    assert.equal(results[2].error.kind, "forbidden");
    const sent = results.filter((r) => r.error?.kind !== "aborted");
    assert.ok(sent.length >= 10 && sent.length <= 12, `${sent.length} settled before the abort took effect`);
    assert.equal(mock.requests.length, sent.length, "nothing sent after the abort");
    assert.equal(seen.length, 40, "onResult saw every input");
    for (const r of results.slice(sent.length)) assert.equal(r.error.kind, "aborted");
    assert.deepEqual(await client.upsertMany([]), []);
    await assert.rejects(client.upsertMany([invite(1)], { concurency: 2 }), /Unknown upsertMany option "concurency"/);
    await assert.rejects(client.upsertMany("x"), { kind: "invalid_options" });
  } finally {
    client.free();
    await mock.close();
  }
});

test("changes of one invite: never two in flight, sent in input order, whatever order the answers come in", async () => {
  const mock = await startMockServer({ clientSecret: SECRET });
  // Each invite's first request answers late: without the rule, its later changes would reach
  // the mock first and the first change would win.
  for (let n = 0; n < 10; n += 1) mock.injectFaults(["delay=150"], { smartInviteId: `moved-${n}` });
  const inFlight = new Map();
  let most = 0;
  const sent = new Map();
  const client = clientFor(mock, {
    rateLimit: false,
    fetch: async (url, init) => {
      const { smart_invite_id: id, event } = JSON.parse(init.body);
      inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
      most = Math.max(most, inFlight.get(id));
      sent.set(id, [...(sent.get(id) ?? []), event.summary]);
      try {
        return await defaultFetch(url, init);
      } finally {
        inFlight.set(id, inFlight.get(id) - 1);
      }
    },
  });
  const moved = (n, summary) => ({ ...invite(n, "moved"), event: { ...invite(n, "moved").event, summary } });
  try {
    const payloads = Array.from({ length: 10 }, (_, n) => ["A", "B", "C"].map((summary) => moved(n, summary))).flat();
    const results = await client.upsertMany(payloads, { concurrency: 16 });
    assert.ok(results.every((r) => r.ok));
    results.forEach((r, k) => {
      assert.equal(r.invite.event.summary, payloads[k].event.summary, "results in input order");
    });
    assert.equal(most, 1, "never two changes of one invite in flight");
    for (let n = 0; n < 10; n += 1) {
      assert.deepEqual(sent.get(`moved-${n}`), ["A", "B", "C"]);
      assert.equal(mock.find(`moved-${n}`, `guest${n}@example.com`).event.summary, "C");
    }
  } finally {
    client.free();
    await mock.close();
  }
});
