// The mock's per-request work does not grow with what it already holds: the same requests cost
// the same number of steps beside 500 stored invites and queued faults as beside 8,000.
//
// Work is counted, not timed: while the requests run, every element a Map, Set or array hands
// out through an iterator and every call of an array method's callback counts as one step.
// A scan of the stored invites (as `find` without an email once did) or of the fault queue
// makes the count grow 16 times; a lookup keeps it flat.

import assert from "node:assert/strict";
import { test } from "node:test";
import { __buildInviteIcs } from "../../pkg/gen/node.mjs";
import { FaultSource } from "../../pkg/mock/faults.mjs";
import { InviteStore } from "../../pkg/mock/store.mjs";
import { invite, normalizeInvite } from "./helpers.mjs";

const N = 500;
const REQUESTS = 50;

/** Runs `work` and returns how many steps it took (see above). */
function countSteps(work) {
  let steps = 0;
  const restore = [];
  const patch = (proto, name, wrap) => {
    const original = proto[name];
    proto[name] = wrap(original);
    restore.push(() => {
      proto[name] = original;
    });
  };
  const countingIterator = (original) =>
    function (...args) {
      const inner = original.apply(this, args);
      return {
        next() {
          const item = inner.next();
          if (!item.done) steps += 1;
          return item;
        },
        [Symbol.iterator]() {
          return this;
        },
      };
    };
  const countingCallback = (original) =>
    function (callback, ...rest) {
      if (typeof callback !== "function") return original.call(this, callback, ...rest);
      return original.call(
        this,
        function (...args) {
          steps += 1;
          return callback.apply(this, args);
        },
        ...rest,
      );
    };
  for (const proto of [Map.prototype, Set.prototype, Array.prototype]) {
    for (const name of ["values", "keys", "entries", Symbol.iterator]) patch(proto, name, countingIterator);
    patch(proto, "forEach", countingCallback);
  }
  for (const name of ["filter", "find", "findIndex", "findLast", "map", "some", "every", "reduce", "flatMap", "sort"]) {
    patch(Array.prototype, name, countingCallback);
  }
  try {
    work();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return steps;
}

/** A store and a fault source already holding `n` invites (a tenth of them multi-recipient)
 * and `n` faults queued for invites the requests below never name. */
function loaded(n) {
  const store = new InviteStore({
    buildIcs: (invite, meta) => __buildInviteIcs(JSON.stringify(invite), JSON.stringify(meta)),
    now: () => new Date("2026-04-01T08:00:00Z"),
    forwardingAddress: "organizer@invite.cronofy.com",
  });
  const faults = new FaultSource();
  for (let i = 0; i < n; i++) {
    const id = `stored-${i}`;
    const payload =
      i % 10 === 0
        ? invite(id, { recipient: undefined, recipients: [{ email: "ann@example.com" }, { email: "bob@example.com" }] })
        : invite(id, { recipient: { email: `person${i}@example.com` } });
    store.apply(normalizeInvite(payload), { request: `preload-${i}` });
    faults.enqueue("status=503", { smartInviteId: `elsewhere-${i}` });
  }
  return { store, faults };
}

/** The same requests, as the mock's handlers make them: reads with and without a recipient,
 * creates, updates, replies, cancels, removes, and the fault lookup each request does. */
function requests({ store, faults }) {
  const payloads = Array.from({ length: REQUESTS }, (_, k) => ({
    created: normalizeInvite(invite(`new-${k}`)),
    updated: normalizeInvite(
      invite(`stored-${10 * k + 1}`, { recipient: { email: `person${10 * k + 1}@example.com` } }),
    ),
    cancelled: normalizeInvite({
      method: "cancel",
      smart_invite_id: `stored-${10 * k + 1}`,
      recipient: { email: `person${10 * k + 1}@example.com` },
    }),
    removed: normalizeInvite({
      method: "remove",
      smart_invite_id: "stored-0",
      recipient: { email: "bob@example.com" },
    }),
  }));
  return () => {
    for (let k = 0; k < REQUESTS; k++) {
      const id = `stored-${10 * k + 1}`;
      const email = `person${10 * k + 1}@example.com`;
      faults.next(undefined, id);
      assert.equal(store.read({ smartInviteId: id }).status, 200);
      assert.equal(store.read({ smartInviteId: id, email, includeIcs: true }).status, 200);
      assert.equal(store.read({ smartInviteId: `missing-${k}` }).status, 404);
      assert.equal(store.apply(payloads[k].created, { request: `new-${k}` }).status, 200);
      assert.equal(store.apply(payloads[k].updated, { request: `update-${k}` }).status, 200);
      assert.ok(store.reply({ smart_invite_id: id, email, status: "accepted" }));
      assert.equal(store.apply(payloads[k].cancelled, { request: `cancel-${k}` }).status, 200);
      store.apply(payloads[k].removed, { request: `remove-${k}` });
      store.countsOf(id, email);
    }
  };
}

const small = loaded(N);
const large = loaded(16 * N);

test("the mock's store and fault queue: the same requests take the same steps beside n and 16n held", (t) => {
  const atN = countSteps(requests(small));
  const at16N = countSteps(requests(large));
  t.diagnostic(`${REQUESTS} rounds of requests: ${atN} steps beside ${N} invites, ${at16N} beside ${16 * N}`);
  assert.ok(atN > 0, "the counter saw no steps at all: it does not count");
  // A scan of what is held would make at16N about 16 x atN; per-request work keeps them equal.
  assert.ok(at16N <= atN * 1.5, `${atN} steps beside ${N} invites, ${at16N} beside ${16 * N}`);
});

test("the step counter sees a scan of the stored invites (a control for the test above)", () => {
  const scan = (store) => () => {
    for (let k = 0; k < REQUESTS; k++) [...store.invites.values()].filter((i) => i.smart_invite_id === `stored-${k}`);
  };
  const atN = countSteps(scan(small.store));
  const at16N = countSteps(scan(large.store));
  assert.ok(at16N >= atN * 10, `a scan took ${atN} steps beside ${N} invites and ${at16N} beside ${16 * N}`);
});
