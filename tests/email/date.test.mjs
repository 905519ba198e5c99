// The Date header: the given `date` when there is one, else now, read from JavaScript's clock
// (the WebAssembly module has none of its own).

import assert from "node:assert/strict";
import { test } from "node:test";
import { apiResponse, buildInviteEmail, FROM } from "./helpers.mjs";

const INVITE = apiResponse("request");

/** The Date header of the RFC 5322 text, and the `date` nodemailer gets: they must agree. */
function dateOf({ message, mime }) {
  const headers = mime.slice(0, mime.indexOf("\r\n\r\n")).split("\r\n");
  const lines = headers.filter((line) => /^Date:/i.test(line));
  assert.equal(lines.length, 1, `one Date header: ${lines}`);
  const header = lines[0].slice("Date:".length).trim();
  assert.equal(message.date, header);
  assert.match(header, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  return header;
}

test("without a date, the Date header is now", () => {
  const before = Math.floor(Date.now() / 1000) * 1000;
  const header = dateOf(buildInviteEmail({ invite: INVITE, from: FROM }));
  const after = Date.now();
  const at = Date.parse(header);
  assert.ok(before <= at && at <= after, `${header} is not between ${new Date(before)} and ${new Date(after)}`);
});

test("now comes from JavaScript's clock (Date.now), whatever it says", () => {
  const realNow = Date.now;
  try {
    Date.now = () => Date.UTC(2031, 6, 14, 23, 59, 58, 999);
    assert.equal(dateOf(buildInviteEmail({ invite: INVITE, from: FROM })), "Mon, 14 Jul 2031 23:59:58 +0000");
    Date.now = () => Date.UTC(1999, 11, 31, 0, 0, 0);
    assert.equal(dateOf(buildInviteEmail({ invite: INVITE, from: FROM })), "Fri, 31 Dec 1999 00:00:00 +0000");
  } finally {
    Date.now = realNow;
  }
});

test("a given date is used as it is, in UTC, as a Date or a string", () => {
  const date = new Date("2026-04-01T08:00:00Z");
  assert.equal(dateOf(buildInviteEmail({ invite: INVITE, from: FROM, date })), "Wed, 01 Apr 2026 08:00:00 +0000");
  const text = "2026-04-01T08:00:00+02:00";
  assert.equal(dateOf(buildInviteEmail({ invite: INVITE, from: FROM, date: text })), "Wed, 01 Apr 2026 06:00:00 +0000");
  // And the same input with the same date gives the same message.
  assert.equal(
    buildInviteEmail({ invite: INVITE, from: FROM, date }).mime,
    buildInviteEmail({ invite: INVITE, from: FROM, date }).mime,
  );
});
