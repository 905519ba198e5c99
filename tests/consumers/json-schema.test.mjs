// smart-invite/json-schema under ajv (2020-12 and draft-07, default strict mode, formats checked by
// ajv-formats), from the packed tarball: every fixture request the validator accepts is valid
// under the payload schema and its normalized invite under the invite schema; the schema
// refuses attendees, conferencing and wrong types as the validator does; and generated
// payloads the validator accepts are never refused by the schema. A page that imports the
// package's main entry does not bundle the schemas.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { consumerProject, importInstalled, root } from "./lib/project.mjs";

let project;
let pkg;
let schemas;
let validators;
before(async () => {
  project = consumerProject();
  // The ES modules of the installed package (the CommonJS ones are required by a test below),
  // and ajv as its users require it.
  const require = createRequire(join(project.dir, "consumer.cjs"));
  pkg = await importInstalled(project.dir, "gen/node.mjs");
  schemas = await importInstalled(project.dir, "lib/json-schema.mjs");
  const Ajv2020 = require("ajv/dist/2020").default;
  const Ajv07 = require("ajv").default;
  const addFormats = require("ajv-formats").default;
  const compile = (Ajv, schema) => {
    const ajv = new Ajv({ allErrors: true }); // ajv's default strict mode: unknown keywords and formats throw;
    addFormats(ajv);
    return ajv.compile(schema);
  };
  validators = {
    payload: compile(Ajv2020, schemas.inviteJsonSchema()),
    payload07: compile(Ajv07, schemas.inviteJsonSchema({ target: "draft-07" })),
    invite: compile(Ajv2020, schemas.normalizedInviteJsonSchema()),
    invite07: compile(Ajv07, schemas.normalizedInviteJsonSchema({ target: "draft-07" })),
  };
});
after(() => project?.cleanup());

const fixtures = JSON.parse(readFileSync(join(root, "tests/fixtures/real-payloads.json"), "utf8"));
const seed = JSON.parse(readFileSync(join(root, "tests/fixtures/seed-request.json"), "utf8"));
const requests = [...fixtures.requests.map((r) => r.json).filter(Boolean), seed];

/** Whether `validator` accepts `value`; the message lists ajv's errors. */
function check(validator, value) {
  const ok = validator(value);
  return { ok, why: ok ? "" : JSON.stringify(validator.errors, null, 1) };
}

test("every fixture request the validator accepts is valid under the schema (2020-12 and draft-07)", () => {
  let accepted = 0;
  for (const request of requests) {
    const result = pkg.validateInvite(request);
    if (!result.ok) continue;
    accepted += 1;
    for (const name of ["payload", "payload07"]) {
      const { ok, why } = check(validators[name], request);
      assert.ok(ok, `${name} refuses ${JSON.stringify(request)}: ${why}`);
    }
    for (const name of ["invite", "invite07"]) {
      const { ok, why } = check(validators[name], result.invite);
      assert.ok(ok, `${name} refuses the normalized ${JSON.stringify(result.invite)}: ${why}`);
    }
  }
  // 31 of the 34 real requests are accepted by the API (and the validator), plus the seed.
  assert.equal(accepted, 32);
});

const event = { summary: "Interview", start: "2026-04-29T09:30", end: "2026-04-29T10:00", tzid: "Europe/London" };
const base = { smart_invite_id: "interview-42", recipient: { email: "ann@example.com" }, event };
const REFUSED = {
  "event.attendees": { ...base, event: { ...event, attendees: [{ email: "bob@example.com" }] } },
  "event.conferencing": { ...base, event: { ...event, conferencing: { profile_id: "default" } } },
  "smart_invite_id a number": { ...base, smart_invite_id: 42 },
  "recipient a string": { ...base, recipient: "ann@example.com" },
  "recipient.email a number": { ...base, recipient: { email: 7 } },
  "recipients not a list": { smart_invite_id: "x", recipients: { email: "ann@example.com" }, event },
  "recipients empty": { smart_invite_id: "x", recipients: [], event },
  "recipient and recipients": { ...base, recipients: [{ email: "bob@example.com" }] },
  "no recipient": { smart_invite_id: "x", event },
  "no smart_invite_id": { recipient: base.recipient, event },
  "a blank smart_invite_id": { ...base, smart_invite_id: "   " },
  "a request without an event": { smart_invite_id: "x", recipient: base.recipient },
  "remove with recipients": { method: "remove", smart_invite_id: "x", recipients: [{ email: "a@example.com" }] },
  "an unknown method": { ...base, method: "reschedule" },
  "event a string": { ...base, event: "Interview at 10" },
  "event.summary missing": { ...base, event: { ...event, summary: undefined } },
  "event.summary too long": { ...base, event: { ...event, summary: "x".repeat(1025) } },
  "event.start a number": { ...base, event: { ...event, start: 1777455000 } },
  "event.start not a time": { ...base, event: { ...event, start: "tomorrow at 10" } },
  "event.start with milliseconds": { ...base, event: { ...event, start: "2026-04-29T09:30:00.250Z" } },
  "event.start {time} as a number": { ...base, event: { ...event, start: { time: 5, tzid: "Europe/London" } } },
  "event.tzid a number": { ...base, event: { ...event, tzid: 0 } },
  "event.location.lat 91": { ...base, event: { ...event, location: { lat: 91 } } },
  "event.location.long a word": { ...base, event: { ...event, location: { long: "west" } } },
  "six reminders": { ...base, event: { ...event, reminders: Array.from({ length: 6 }, () => ({ minutes: 5 })) } },
  "reminder minutes -1": { ...base, event: { ...event, reminders: [{ minutes: -1 }] } },
  "reminder minutes as text": { ...base, event: { ...event, reminders: [{ minutes: "10" }] } },
  "transparency busy": { ...base, event: { ...event, transparency: "busy" } },
  "color red": { ...base, event: { ...event, color: "red" } },
  "recipients[].status maybe": {
    smart_invite_id: "x",
    recipients: [{ email: "a@example.com", status: "maybe" }],
    event,
  },
  "organizer a string": { ...base, organizer: "Ann" },
};

test("the schema refuses attendees, conferencing and wrong types, as the validator does", () => {
  for (const [name, payload] of Object.entries(REFUSED)) {
    const value = JSON.parse(JSON.stringify(payload));
    assert.equal(pkg.validateInvite(value).ok, false, `the validator should refuse: ${name}`);
    assert.equal(validators.payload(value), false, `the 2020-12 schema should refuse: ${name}`);
    assert.equal(validators.payload07(value), false, `the draft-07 schema should refuse: ${name}`);
  }
  assert.ok(validators.payload(base), check(validators.payload, base).why);
});

test("generated payloads the validator accepts are never refused by the schema", () => {
  // Values of every JSON type, including the forms the validator accepts, for fields taken
  // from the seed; leaving out null, empty and space-padded strings (the schema wants fields
  // left out and trimmed: docs/schema.md).
  const times = fc.constantFrom(
    "2026-04-29T09:30:00Z",
    "2026-04-29T10:30:00+01:00",
    "2026-04-29 09:30:00.000Z",
    "2026-04-29t09:30z",
    "2026-04-29T09:30",
    "2026-04-29T09:30:59-0230",
    "2026-04-29",
    "2026-04-30",
    "2026-03-29T01:30",
    "2026-02-30T09:30",
    "2026-04-29T24:00",
    "2026-04-29T09:30:00.5Z",
    "29/04/2026",
  );
  const zones = fc.constantFrom("Europe/London", "America/New_York", "Etc/UTC", "Europe/Lodnon", "UTC");
  const anyJson = fc.oneof(fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.constant("text"));
  const eventField = fc.oneof(
    fc.record({
      key: fc.constantFrom("start", "end"),
      value: fc.oneof(times, fc.record({ time: times, tzid: zones })),
    }),
    fc.record({ key: fc.constant("tzid"), value: zones }),
    fc.record({ key: fc.constantFrom("summary", "description"), value: fc.string({ minLength: 1, maxLength: 8 }) }),
    fc.record({
      key: fc.constant("location"),
      value: fc.record({
        lat: fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constantFrom("51.5", "1e1", ".5", "95")),
      }),
    }),
    fc.record({
      key: fc.constant("reminders"),
      value: fc.array(fc.record({ minutes: fc.integer({ min: -2, max: 90 }) }), { maxLength: 7 }),
    }),
    fc.record({
      key: fc.constantFrom("transparency", "color"),
      value: fc.constantFrom("opaque", "busy", "#c6040f", "#fff"),
    }),
    fc.record({ key: fc.constantFrom("attendees", "event_id", "summary", "start"), value: anyJson }),
  );
  const topField = fc.oneof(
    fc.record({ key: fc.constant("method"), value: fc.constantFrom("request", "cancel", "remove", "delete") }),
    fc.record({
      key: fc.constant("recipients"),
      value: fc.array(
        fc.record({
          email: fc.constantFrom("a@example.com", "b@example.com", "bob@"),
          status: fc.constantFrom("pending", "maybe"),
        }),
        { maxLength: 3 },
      ),
    }),
    fc.record({
      key: fc.constantFrom("recipient", "callback_url", "organizer", "smart_invite_id", "colour"),
      value: anyJson,
    }),
    fc.record({
      key: fc.constant("callback_url"),
      value: fc.constantFrom("https://example.com/cb", "ftp://example.com", "http://localhost:3000/x"),
    }),
  );
  let accepted = 0;
  fc.assert(
    fc.property(
      fc.array(eventField, { maxLength: 4 }),
      fc.array(topField, { maxLength: 3 }),
      fc.subarray(["recipient", "event", "organizer"]),
      (eventChanges, topChanges, dropped) => {
        const payload = structuredClone(seed);
        for (const { key, value } of eventChanges) payload.event[key] = value;
        for (const { key, value } of topChanges) payload[key] = value;
        for (const key of dropped) delete payload[key];
        if (!pkg.validateInvite(payload).ok) return true;
        accepted += 1;
        const { ok, why } = check(validators.payload, payload);
        assert.ok(ok, `the validator accepts ${JSON.stringify(payload)} but the schema refuses it: ${why}`);
        return true;
      },
    ),
    { numRuns: 3000, seed: 13 },
  );
  assert.ok(accepted > 300, `only ${accepted} of 3000 generated payloads were valid: the generator tests too little`);
});

test("the Standard JSON Schema gives the same documents; other targets throw", () => {
  const std = schemas.inviteStandardJsonSchema["~standard"];
  assert.equal(std.vendor, "smart-invite");
  assert.equal(std.version, 1);
  assert.deepEqual(std.jsonSchema.input({ target: "draft-2020-12" }), schemas.inviteJsonSchema());
  assert.deepEqual(
    std.jsonSchema.output({ target: "draft-07" }),
    schemas.normalizedInviteJsonSchema({ target: "draft-07" }),
  );
  assert.throws(() => std.jsonSchema.input({ target: "openapi-3.0" }), /no JSON Schema for target "openapi-3.0"/);
  // Options left out, null, or without a target: the default dialect; a target that is no own
  // name of the table (an inherited one included) throws.
  assert.deepEqual(schemas.inviteJsonSchema(null), schemas.inviteJsonSchema({ target: "draft-2020-12" }));
  assert.deepEqual(schemas.normalizedInviteJsonSchema({}), schemas.normalizedInviteJsonSchema());
  assert.throws(() => schemas.inviteJsonSchema({ target: "__proto__" }), /no JSON Schema for target "__proto__"/);
  // A new object each call: a caller may edit its copy.
  const mine = schemas.inviteJsonSchema();
  mine.title = "changed";
  assert.equal(schemas.inviteJsonSchema().title, "Cronofy Smart Invite request");
});

test("require('smart-invite/json-schema') gives the same schema", () => {
  writeFileSync(
    join(project.dir, "json-schema.cjs"),
    `console.log(JSON.stringify(require("smart-invite/json-schema").inviteJsonSchema()));`,
  );
  const r = spawnSync(process.execPath, ["json-schema.cjs"], {
    cwd: project.dir,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), schemas.inviteJsonSchema());
});

test("a page bundling the main entry for the browser leaves the JSON Schema out", async () => {
  const { build } = await import(createRequire(join(root, "x.js")).resolve("esbuild"));
  writeFileSync(
    join(project.dir, "page.mjs"),
    `import { init, validateInvite } from "smart-invite";\nawait init();\nvalidateInvite({});\n`,
  );
  const result = await build({
    entryPoints: [join(project.dir, "page.mjs")],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    loader: { ".wasm": "file" },
    outdir: join(project.dir, "page-out"),
    absWorkingDir: project.dir,
  });
  const inputs = Object.keys(result.metafile.inputs);
  // The browser entry is one bundled module (gen/browser/index.mjs, lib/schema.mjs inside it).
  const entry = inputs.find((f) => f.endsWith("smart-invite/gen/browser/index.mjs"));
  assert.ok(entry, inputs.join("\n"));
  assert.ok(
    readFileSync(join(project.dir, entry), "utf8").includes("~standard"),
    "the Standard Schema is part of the entry",
  );
  assert.ok(!inputs.some((f) => f.includes("json-schema")), `the JSON Schema is bundled:\n${inputs.join("\n")}`);
});
