// inviteSchema as the Standard Schema spec defines it, from the packed tarball in Node ESM and
// CommonJS: the result of validate against
// validateInvite's for the same payloads, issue paths as arrays of keys, warnings left out,
// createInviteSchema's data center, and the copied spec types against the npm package's.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { consumerProject, root } from "./lib/project.mjs";

let project;
before(() => {
  project = consumerProject();
});
after(() => project?.cleanup());

const seed = JSON.parse(readFileSync(join(root, "tests/fixtures/seed-request.json"), "utf8"));

// Run in the consumer project; prints one JSON line of what the checks need.
const PROBE = `
  const seed = ${JSON.stringify(seed)};
  const std = inviteSchema["~standard"];
  const dstAndBadSecond = {
    smart_invite_id: "interview-42",
    recipients: [{ email: "ann@example.com" }, { email: "bob@" }],
    event: { summary: "Interview", start: "2026-03-29T01:30", end: "2026-03-29T02:30", tzid: "Europe/London" },
  };
  // A valid invite with warnings: an unknown field (dropped) and no tzid (Etc/UTC assumed).
  const withWarnings = { ...seed, colour: "red", event: { ...seed.event, tzid: undefined } };
  // Indices under keys under indices, and past the listed bound the count at the root ("").
  const badReminder = { ...seed, event: { ...seed.event, reminders: [{ minutes: 10 }, { minutes: -5 }] } };
  const manyBad = { ...seed, recipient: undefined, recipients: Array.from({ length: 120 }, (_, i) => ({ email: "bad" + i })) };
  const pending = std.validate(seed);
  let wrongCenter;
  try { createInviteSchema({ dataCenter: "eu" }); } catch (e) { wrongCenter = { name: e.name, kind: e.kind, message: e.message }; }
  const uk = createInviteSchema({ dataCenter: "uk" });
  console.log(JSON.stringify({
    vendor: std.vendor, version: std.version, synchronous: !(pending instanceof Promise),
    frozen: Object.isFrozen(inviteSchema) && Object.isFrozen(std),
    seed: std.validate(seed), seedDirect: validateInvite(seed),
    bad: std.validate(dstAndBadSecond), badDirect: validateInvite(dstAndBadSecond),
    warnings: std.validate(withWarnings), warningsDirect: validateInvite(withWarnings),
    reminder: std.validate(badReminder), reminderDirect: validateInvite(badReminder),
    many: std.validate(manyBad), manyDirect: validateInvite(manyBad),
    empty: std.validate({}), text: std.validate(JSON.stringify(seed)), number: std.validate(7),
    uk: uk["~standard"].validate({ ...seed, organizer: { email: "me@example.com" } }),
    ukDirect: validateInvite({ ...seed, organizer: { email: "me@example.com" } }, { dataCenter: "uk" }),
    wrongCenter, nullSettings: createInviteSchema(null)["~standard"].validate(seed),
  }));
`;

function run(file, source, flags = []) {
  writeFileSync(join(project.dir, file), source);
  const r = spawnSync(process.execPath, [...flags, file], { cwd: project.dir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "");
  return JSON.parse(r.stdout);
}

function checkOutputs(out) {
  assert.equal(out.vendor, "smart-invite");
  assert.equal(out.version, 1);
  assert.ok(out.synchronous, "validate returns the result, not a promise");
  assert.ok(out.frozen, "the schema object is frozen");

  assert.deepEqual(out.seed, { value: out.seedDirect.invite });
  assert.deepEqual(out.nullSettings, out.seed, "createInviteSchema(null): the default data center");
  assert.equal(out.seed.value.event.start.time, "2026-04-29T09:30:00Z");

  // Every error of the error map, in its order, one issue per item, the path split into keys.
  assert.equal(out.badDirect.ok, false);
  const expected = Object.entries(out.badDirect.errors).flatMap(([field, list]) =>
    list.map((issue) => ({ field, message: issue.description, key: issue.key })),
  );
  assert.deepEqual(
    out.bad.issues.map(({ message, key }) => ({ message, key })),
    expected.map(({ message, key }) => ({ message, key })),
  );
  assert.deepEqual(
    out.bad.issues.map((i) => i.path),
    [
      ["recipients", 1, "email"],
      ["event", "start"],
    ],
  );
  assert.deepEqual(
    expected.map((e) => e.field),
    ["recipients[1].email", "event.start"],
  );
  assert.equal(out.bad.issues[1].key, "errors.nonexistent_local_time");
  assert.match(out.bad.issues[1].message, /does not exist in Europe\/London.*Did you mean 2026-03-29T02:30/);
  assert.equal(out.bad.value, undefined);

  // Warnings are not issues: the payload is valid, and the value is the normalized invite.
  assert.ok(Object.keys(out.warningsDirect.warnings).length >= 2, JSON.stringify(out.warningsDirect.warnings));
  assert.deepEqual(out.warnings, { value: out.warningsDirect.invite });
  assert.equal(out.warnings.value.colour, undefined);

  assert.deepEqual(
    out.empty.issues.map((i) => [i.path, i.key]),
    [
      [["smart_invite_id"], "errors.required"],
      [["recipient"], "errors.required"],
      [["event"], "errors.required"],
    ],
  );
  // The whole payload: the empty path "" becomes []. JSON text is a string to a schema.
  assert.deepEqual(out.text.issues, [
    { message: "The invite must be a JSON object, not text.", path: [], key: "errors.invalid_type" },
  ]);
  assert.deepEqual(out.number.issues, [
    { message: "The invite must be a JSON object, not a number.", path: [], key: "errors.invalid_type" },
  ]);

  // The path of each issue is its error map field split into keys by the core.
  assert.deepEqual(
    out.reminder.issues.map((i) => [i.path, i.key]),
    Object.entries(out.reminderDirect.errors).flatMap(([, list]) =>
      list.map((issue) => [["event", "reminders", 1, "minutes"], issue.key]),
    ),
  );
  assert.deepEqual(Object.keys(out.reminderDirect.errors), ["event.reminders[1].minutes"]);
  assert.equal(out.many.issues.length, 101, "the error map's bound, then its summary");
  assert.deepEqual(out.many.issues[5].path, ["recipients", 5, "email"]);
  assert.deepEqual(out.many.issues.at(-1), {
    message: out.manyDirect.errors[""][0].description,
    path: [],
    key: "errors.truncated",
  });

  assert.deepEqual(out.uk, { value: out.ukDirect.invite });
  assert.match(JSON.stringify(out.ukDirect.warnings), /invite-uk\.cronofy\.com/);
  assert.deepEqual(out.wrongCenter, {
    name: "SmartInviteError",
    kind: "invalid_options",
    message: 'options.dataCenter: "eu" is not a data center; use one of us, uk, de, au, ca, sg.',
  });
}

test("Node ESM: inviteSchema['~standard'] gives the normalized invite or our issues", () => {
  const out = run(
    "standard-schema.mjs",
    `import { inviteSchema, createInviteSchema, validateInvite } from "smart-invite";\n${PROBE}`,
  );
  checkOutputs(out);
});

test("Node CJS: the same schema from require()", () => {
  const out = run(
    "standard-schema.cjs",
    `const { inviteSchema, createInviteSchema, validateInvite } = require("smart-invite");\n${PROBE}`,
  );
  checkOutputs(out);
});

test("the Standard Schema types the package ships are @standard-schema/spec 1.1's, verbatim", () => {
  const shipped = readFileSync(join(project.dir, "node_modules/smart-invite/types/standard-schema.d.ts"), "utf8");
  const spec = readFileSync(join(root, "node_modules/@standard-schema/spec/dist/index.d.ts"), "utf8");
  const version = JSON.parse(readFileSync(join(root, "node_modules/@standard-schema/spec/package.json"), "utf8"));
  assert.ok(shipped.includes(`@standard-schema/spec ${version.version}`), "the header names the copied version");
  assert.ok(shipped.endsWith(spec), "types/standard-schema.d.ts must end with the spec's index.d.ts, unchanged");
});
