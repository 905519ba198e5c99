// Properties of the JS API (fast-check): any JS value in gives a result out, never an
// exception; and 100,000 calls with bad input leave the module working, with wasm memory,
// the externref table and the JS heap flat. Runs against pkg/ as built by `make pkg`.
// Needs --expose-gc (make test-pkg passes it).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { inviteSchema, normalizeInvite, SmartInviteError, validateInvite } from "../../pkg/gen/node.mjs";
import { tapeDecoder as decoder } from "../../pkg/lib/tape.mjs";
import { wire } from "../../pkg/lib/wire.mjs";
import { seed } from "./scratch.mjs";

/**
 * An instance of the core build (the glue module imported under its own query, so that it is a
 * new one): wired as the node entry wires its own (lib/node.mjs, bundled into gen/node.mjs, where
 * its memory cannot be reached), or with no tape decoder, so
 * that its results come from serde_json's text and JSON.parse.
 */
async function core(query, setUp) {
  const glue = await import(`../../pkg/gen/core/smart_invite.js?${query}`);
  const exports = glue.initSync({
    module: readFileSync(new URL("../../pkg/gen/core/smart_invite_bg.wasm", import.meta.url)),
  });
  setUp(glue);
  return { glue, exports };
}
const asTheEntry = await core("as-the-entry", (glue) => wire(glue, { validator: false, decoder }));
const viaJson = (await core("without-tape", (glue) => wire(glue, { validator: false }))).glue;

const ANYTHING = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "toJSON", "smart_invite_id", "event")),
});

/** Values JSON.stringify cannot take: cycles, BigInt, throwing getters and toJSON. */
const HOSTILE = fc.oneof(
  ANYTHING.map((v) => {
    const o = { v };
    o.self = o;
    return o;
  }),
  ANYTHING.map((v) => ({ v, n: 1n })),
  fc.constant({
    get smart_invite_id() {
      throw new Error("getter");
    },
  }),
  fc.constant({
    toJSON() {
      throw "not an Error";
    },
  }),
  fc.constant(
    new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("proxy");
        },
      },
    ),
  ),
  fc.constantFrom(() => 1, Symbol("s"), undefined, NaN, -0, Infinity),
);

/** The seed with one field (top level or in the event) replaced by anything. */
const MUTATED_SEED = fc
  .tuple(
    fc.constantFrom(
      "method",
      "smart_invite_id",
      "recipient",
      "callback_url",
      "organizer",
      "event",
      "event.summary",
      "event.start",
      "event.end",
      "event.location",
      "event.reminders",
      "event.color",
    ),
    ANYTHING,
  )
  .map(([path, value]) => {
    const copy = structuredClone(seed);
    const [a, b] = path.split(".");
    if (b) copy[a][b] = value;
    else copy[a] = value;
    return copy;
  });

function assertResult(result) {
  assert.equal(typeof result.ok, "boolean");
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.equal(typeof result.warnings, "object");
  if (result.ok) {
    // The invite is plain JSON: a round trip gives the same object.
    assert.deepEqual(JSON.parse(JSON.stringify(result.invite)), result.invite);
  } else {
    for (const [path, issues] of Object.entries(result.errors)) {
      assert.equal(typeof path, "string");
      assert.ok(issues.length > 0 && issues.every((i) => i.key.startsWith("errors.") && i.description.length > 0));
    }
  }
}

test("any JS value, JSON text or mutated seed in: a result out, no exception", () => {
  const input = fc.oneof(
    ANYTHING,
    HOSTILE,
    MUTATED_SEED,
    fc.json(),
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  );
  fc.assert(
    fc.property(input, (value) => assertResult(validateInvite(value))),
    { numRuns: 3000 },
  );
  // normalizeInvite throws only SmartInviteError.
  fc.assert(
    fc.property(input, (value) => {
      try {
        normalizeInvite(value);
      } catch (e) {
        assert.ok(e instanceof SmartInviteError, String(e));
      }
    }),
    { numRuns: 1000 },
  );
});

/** A Standard Schema issue's path as the error map writes it (the oracle of the core's Display). */
const field = (path) => path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");

test("inviteSchema gives validateInvite's invite, or its errors in order with their paths as keys", () => {
  const input = fc.oneof(ANYTHING, HOSTILE, MUTATED_SEED, fc.json(), fc.string());
  fc.assert(
    fc.property(input, (value) => {
      const result = inviteSchema["~standard"].validate(value);
      // A string is a value to a schema, not JSON text.
      const direct = validateInvite(typeof value === "string" ? JSON.stringify(value) : value);
      if (direct.ok) return assert.deepStrictEqual(result, { value: direct.invite });
      const expected = Object.entries(direct.errors).flatMap(([at, list]) =>
        list.map(({ key, description }) => ({ message: description, at, key })),
      );
      assert.deepStrictEqual(
        result.issues.map(({ message, path, key }) => ({ message, at: field(path), key })),
        expected,
      );
      for (const { path } of result.issues) assert.ok(path.every((s) => typeof s === "string" || Number.isInteger(s)));
    }),
    { numRuns: 2000 },
  );
});

/** What a call gives or throws, as a plain JS value to compare. */
function outcome(call) {
  try {
    return { value: call() };
  } catch (error) {
    return { thrown: { name: error.name, kind: error.kind, message: error.message, errors: error.errors } };
  }
}

test("results built from the tape are those JSON.parse gave: same fields, order, prototypes", () => {
  // Valid invites with numbers in them (reminders) and texts of any script.
  const WITH_REMINDERS = fc
    .tuple(fc.array(fc.integer({ min: 0, max: 40320 }), { maxLength: 5 }), fc.string({ unit: "grapheme" }))
    .map(([minutes, summary]) => ({
      ...seed,
      event: { ...seed.event, summary: summary || "x", reminders: minutes.map((m) => ({ minutes: m })) },
    }));
  const input = fc.oneof(
    ANYTHING,
    MUTATED_SEED,
    WITH_REMINDERS,
    fc.json(),
    fc.dictionary(fc.oneof(fc.string({ unit: "grapheme" }), fc.constantFrom("__proto__", "constructor")), ANYTHING),
  );
  const options = fc.constantFrom(undefined, { dataCenter: "uk" }, { dataCenter: "mars" });
  fc.assert(
    fc.property(input, options, (value, option) => {
      const withTape = { validateInvite, normalizeInvite, __standardValidate: asTheEntry.glue.__standardValidate };
      for (const name of ["validateInvite", "normalizeInvite", "__standardValidate"]) {
        const tape = outcome(() => withTape[name](value, option));
        const json = outcome(() => viaJson[name](value, option));
        assert.deepStrictEqual(tape, json);
        assert.equal(JSON.stringify(tape), JSON.stringify(json));
      }
    }),
    { numRuns: 2000 },
  );
});

test("100,000 calls with bad input: no trap, the module still works, memory flat", () => {
  const big = "x".repeat((1 << 20) + 1);
  const samples = [
    ...fc.sample(ANYTHING, 300),
    ...fc.sample(HOSTILE, 100),
    ...fc.sample(MUTATED_SEED, 100),
    "{not json",
    "[".repeat(10000),
    big,
    JSON.stringify({ ...seed, event: { ...seed.event, summary: "y".repeat(5000) } }),
  ];
  const { exports: wasm, glue } = asTheEntry;
  const run = (n) => {
    for (let i = 0; i < n; i++) glue.validateInvite(samples[i % samples.length]);
  };
  const measure = () => {
    globalThis.gc?.();
    return {
      memory: wasm.memory.buffer.byteLength,
      externrefs: wasm.__wbindgen_externrefs.length,
      heap: process.memoryUsage().heapUsed,
    };
  };
  run(10_000); // let the allocator and the externref table reach their working size
  const before = measure();
  run(100_000);
  const after = measure();
  // wasm-bindgen's `__instance_terminated` flag (a u32 static; the global holds its address).
  const terminated = new Uint32Array(wasm.memory.buffer, wasm.__instance_terminated.value, 1)[0];
  assert.equal(terminated, 0, "the wasm instance was terminated");
  assert.equal(after.memory, before.memory, "wasm memory grew");
  assert.equal(after.externrefs, before.externrefs, "the externref table grew (a JS value leaked)");
  assert.ok(after.heap - before.heap < 8 * 1024 * 1024, `the JS heap grew by ${after.heap - before.heap} bytes`);
  const ok = glue.validateInvite(seed);
  assert.equal(ok.ok, true);
  assert.equal(ok.invite.event.end.time, "2026-04-29T10:00:00Z");
});
