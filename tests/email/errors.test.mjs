// Bad input gives a SmartInviteError of kind "invalid_email" naming the option, never a
// message and never a crash; every response in the real-payload fixtures is handled.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { apiResponse, buildInviteEmail, FROM, SmartInviteError } from "./helpers.mjs";

const ICS = apiResponse("request").attachments.icalendar;

/** The error `options` raise; fails when they build a message. */
function refusal(options) {
  try {
    buildInviteEmail(options);
  } catch (error) {
    return error;
  }
  assert.fail(`expected an error for ${JSON.stringify(options)}`);
}

const CASES = [
  [
    "no ICS in the response",
    { invite: { smart_invite_id: "x", attachments: [] }, from: FROM },
    "invite.attachments.icalendar",
    "errors.required",
  ],
  ["not a calendar", { invite: "Hello", from: FROM }, "invite.attachments.icalendar", "errors.invalid_type"],
  [
    "a vCard",
    { invite: "BEGIN:VCARD\r\nEND:VCARD\r\n", from: FROM },
    "invite.attachments.icalendar",
    "errors.invalid_type",
  ],
  ["from is not an address", { invite: ICS, from: "Acme" }, "from", "errors.invalid_email"],
  ["from is missing", { invite: ICS }, "", "errors.invalid_type"],
  [
    "to is not an address",
    { invite: ICS, from: FROM, to: ["ann@example.com", "bob"] },
    "to[1]",
    "errors.invalid_email",
  ],
  [
    "CR/LF in the from name",
    { invite: ICS, from: "Eve\r\nBcc: all@example.com <eve@example.com>" },
    "from",
    "errors.control_characters",
  ],
  [
    "LF in a to name",
    { invite: ICS, from: FROM, to: "Ann\nBcc: x@example.com <ann@example.com>" },
    "to",
    "errors.control_characters",
  ],
  [
    "CR/LF in the subject",
    { invite: ICS, from: FROM, subject: "Hi\r\nBcc: all@example.com" },
    "subject",
    "errors.control_characters",
  ],
  ["nobody to send to", { invite: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", from: FROM }, "to", "errors.required"],
  ["an unknown option", { invite: ICS, from: FROM, cc: "x@example.com" }, "", "errors.invalid_type"],
  ["a BigInt inside", { invite: ICS, from: FROM, extra: 1n }, "", "errors.invalid_type"],
];

for (const [name, options, path, key] of CASES) {
  test(`refused: ${name}`, () => {
    const error = refusal(options);
    assert.ok(error instanceof SmartInviteError, `${error}`);
    assert.equal(error.kind, "invalid_email");
    assert.equal(error.errors[path]?.[0]?.key, key, JSON.stringify(error.errors));
    assert.ok(error.message.length > 20 && error.message.endsWith("."), error.message);
  });
}

test("refused: options that are not an object", () => {
  for (const options of [undefined, null, "invite", 42, []]) {
    const error = refusal(options);
    assert.equal(error.kind, "invalid_email");
    assert.match(error.message, /\{ invite, from/);
  }
});

test("every response in the real-payload fixtures builds an email or is refused with a reason", () => {
  const fixtures = JSON.parse(readFileSync(new URL("../fixtures/real-payloads.json", import.meta.url), "utf8"));
  let built = 0;
  for (const { json, raw, source } of fixtures.responses) {
    try {
      const { mime } = buildInviteEmail({ invite: json ?? raw, from: FROM, to: "ann@example.com" });
      assert.match(mime, /\r\nContent-Type: application\/ics; charset=UTF-8; method=/);
      built += 1;
    } catch (error) {
      assert.equal(error.kind, "invalid_email", `${source}: ${error}`);
      assert.ok(error.errors["invite.attachments.icalendar"], `${source}: ${error.message}`);
    }
  }
  // The fixtures' ICS texts are truncated ("BEGIN:VCALENDAR\nVERSION:2.0..."): refused as cut short.
  assert.equal(built, 0);
  const truncated = refusal({ invite: fixtures.responses[0].json, from: FROM });
  assert.match(truncated.message, /END:VCALENDAR/);
});
