// Every method of the client against the mock: what is sent, what comes back, what the mock keeps.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { attempts, clientFor, invite, SECRET, SmartInviteClient, startMockServer } from "./helpers.mjs";

let mock;
let client;

/** The write counts of one recipient, zero where not given. */
const counts = (some) => ({ created: 0, updated: 0, cancelled: 0, removed: 0, ...some });
/** The mock's writes for one smart_invite_id, in order. */
const writesOf = (id) => mock.writes.filter((w) => w.smart_invite_id === id);
before(async () => {
  mock = await startMockServer({ clientSecret: SECRET });
  client = clientFor(mock);
});
after(() => mock.close());

test("upsert sends the normalized invite and returns the seed response shape", async () => {
  const sent = [];
  const spy = new SmartInviteClient({
    clientSecret: SECRET,
    baseUrl: mock.url,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      sent.push({
        url,
        method: init.method,
        headers: new Headers(init.headers),
        body: init.body,
        redirect: init.redirect,
        requestId: response.headers.get("x-request-id"),
      });
      return response;
    },
  });
  const answer = await spy.upsert(
    invite("upsert-1", { event: { ...invite("x").event, start: "2026-04-29 10:30:00+01:00" } }),
  );
  assert.equal(sent.length, 1);
  assert.equal(sent[0].method, "POST");
  assert.equal(sent[0].url, `${mock.url}/v1/smart_invites`);
  assert.equal(sent[0].headers.get("authorization"), `Bearer ${SECRET}`);
  assert.equal(sent[0].headers.get("content-type"), "application/json; charset=utf-8");
  assert.equal(sent[0].redirect, "manual", "a redirect must never carry the secret elsewhere");
  const body = JSON.parse(sent[0].body);
  assert.equal(body.method, "request");
  assert.deepEqual(body.event.start, { time: "2026-04-29T09:30:00Z", tzid: "Europe/London" });

  assert.equal(answer.smart_invite_id, "upsert-1");
  assert.deepEqual(answer.recipient, { email: "ann@example.com", status: "pending" });
  assert.equal(answer.callback_url, "https://app.example.com/cronofy/callback");
  assert.equal(answer.event.summary, "Board meeting");
  assert.deepEqual(answer.event.start, { time: "2026-04-29T09:30:00Z", tzid: "Europe/London" });
  assert.deepEqual(answer.event.end, { time: "2026-04-29T10:00:00Z", tzid: "Europe/London" });
  assert.deepEqual(answer.event.location, { description: "Board room" });
  assert.match(answer.attachments.icalendar, /^BEGIN:VCALENDAR\r\n[\s\S]*METHOD:REQUEST\r\n[\s\S]*END:VCALENDAR\r\n$/);
  // The mock logged one write, a create, by the one request the client sent.
  assert.deepEqual(writesOf("upsert-1"), [
    { request: sent[0].requestId, smart_invite_id: "upsert-1", email: "ann@example.com", action: "created" },
  ]);
  assert.deepEqual(mock.writeCounts("upsert-1", "ann@example.com"), counts({ created: 1 }));
});

test("a payload given as JSON text is accepted too", async () => {
  const answer = await client.upsert(JSON.stringify(invite("text-1")));
  assert.equal(answer.smart_invite_id, "text-1");
});

test("an update keeps one invite, its UID, and raises SEQUENCE when the event changes", async () => {
  const first = await client.upsert(invite("update-1"));
  const again = await client.upsert(invite("update-1"));
  const changed = await client.upsert(invite("update-1", { event: { ...invite("x").event, summary: "Moved" } }));
  const stored = mock.find("update-1", "ann@example.com");
  assert.deepEqual(mock.writeCounts("update-1", "ann@example.com"), counts({ created: 1, updated: 2 }));
  // One write per request that reached the mock, in order: the first created, the others updated.
  const requests = mock.requests.filter((r) => r.smart_invite_id === "update-1").map((r) => r.id);
  assert.equal(requests.length, 3);
  assert.deepEqual(
    writesOf("update-1").map((w) => [w.request, w.action]),
    [
      [requests[0], "created"],
      [requests[1], "updated"],
      [requests[2], "updated"],
    ],
  );
  assert.equal(stored.sequence, 1, "an identical retry is not a change; a new summary is");
  const uid = (ics) => ics.match(/\r\nUID:(.+)\r\n/)[1];
  const seq = (ics) => Number(ics.match(/\r\nSEQUENCE:(\d+)\r\n/)[1]);
  assert.equal(uid(first.attachments.icalendar), uid(changed.attachments.icalendar));
  assert.deepEqual(
    [first, again, changed].map((a) => seq(a.attachments.icalendar)),
    [0, 0, 1],
  );
  assert.equal(changed.event.summary, "Moved");
});

test("cancel answers with a CANCEL calendar and marks the invite cancelled", async () => {
  await client.upsert(invite("cancel-1"));
  const answer = await client.cancel({ smart_invite_id: "cancel-1", recipient: { email: "ann@example.com" } });
  assert.equal(answer.method, "cancel");
  assert.match(answer.attachments.icalendar, /\r\nMETHOD:CANCEL\r\n/);
  assert.match(answer.attachments.icalendar, /\r\nSTATUS:CANCELLED\r\n/);
  assert.match(answer.attachments.icalendar, /\r\nSEQUENCE:1\r\n/);
  assert.equal(mock.find("cancel-1", "ann@example.com").cancelled, true);
  assert.deepEqual(mock.writeCounts("cancel-1", "ann@example.com"), counts({ created: 1, cancelled: 1 }));
});

test("multi-recipient: create, read without recipient_email, remove one recipient", async () => {
  const people = ["ann@example.com", "bob@example.com", "cy@example.com"];
  const created = await client.upsert(
    invite("multi-1", {
      recipient: undefined,
      recipients: people.map((email, i) => ({ email, ...(i === 0 ? { status: "accepted" } : {}) })),
    }),
  );
  assert.deepEqual(
    created.recipients,
    people.map((email, i) => ({ email, status: i === 0 ? "accepted" : "pending" })),
  );
  assert.equal(created.recipient, undefined);
  assert.equal((created.attachments.icalendar.match(/\r\nATTENDEE/g) ?? []).length, 3);

  const removed = await client.removeRecipient({ smart_invite_id: "multi-1", recipient: { email: "bob@example.com" } });
  assert.equal(removed.method, "remove");
  assert.deepEqual(removed.attachments.removed, { email: "bob@example.com" });
  assert.match(removed.attachments.icalendar, /\r\nMETHOD:CANCEL\r\n/);

  const read = await client.get({ smart_invite_id: "multi-1" });
  assert.deepEqual(
    read.recipients.map((r) => r.email),
    ["ann@example.com", "cy@example.com"],
  );
  assert.equal(read.attachments, undefined, "no ICS unless include_ics");

  const cancelled = await client.cancel({
    smart_invite_id: "multi-1",
    recipients: [{ email: "ann@example.com" }, { email: "cy@example.com" }],
  });
  assert.equal(cancelled.recipients.length, 2);
  assert.match(cancelled.attachments.icalendar, /\r\nMETHOD:CANCEL\r\n/);

  assert.deepEqual(mock.writeCounts("multi-1", "ann@example.com"), counts({ created: 1, cancelled: 1 }));
  assert.deepEqual(mock.writeCounts("multi-1", "bob@example.com"), counts({ created: 1, removed: 1 }));
  assert.deepEqual(mock.writeCounts("multi-1", "cy@example.com"), counts({ created: 1, cancelled: 1 }));
});

test("the create counter counts: inviting a removed recipient again is a second create", async () => {
  const people = (emails) => emails.map((email) => ({ email }));
  const multi = (emails) => invite("reinvite-1", { recipient: undefined, recipients: people(emails) });
  await client.upsert(multi(["ann@example.com", "bob@example.com"]));
  await client.removeRecipient({ smart_invite_id: "reinvite-1", recipient: { email: "bob@example.com" } });
  await client.upsert(multi(["ann@example.com", "bob@example.com"]));
  assert.deepEqual(mock.writeCounts("reinvite-1", "ann@example.com"), counts({ created: 1, updated: 1 }));
  assert.deepEqual(mock.writeCounts("reinvite-1", "bob@example.com"), counts({ created: 2, removed: 1 }));
  assert.deepEqual(
    writesOf("reinvite-1").map((w) => `${w.email} ${w.action}`),
    [
      "ann@example.com created",
      "bob@example.com created",
      "bob@example.com removed",
      "ann@example.com updated",
      "bob@example.com created",
    ],
  );
});

test("get reads one recipient, with the ICS on request, and sends a proper query string", async () => {
  const id = "read 1/&?é";
  await client.upsert(invite(id, { recipient: { email: "d+tag@example.com" } }));
  const plain = await client.get({ smart_invite_id: id, recipient_email: "d+tag@example.com" });
  assert.equal(plain.smart_invite_id, id);
  assert.deepEqual(plain.recipient, { email: "d+tag@example.com", status: "pending" });
  assert.equal(plain.attachments, undefined);
  const withIcs = await client.get({ smart_invite_id: id, recipient_email: "d+tag@example.com", include_ics: true });
  assert.match(withIcs.attachments.icalendar, /^BEGIN:VCALENDAR\r\n/);
  const last = mock.requests.at(-1);
  assert.equal(last.method, "GET");
  assert.equal(last.smart_invite_id, id);
});

test("get shows replies after a recipient answered", async () => {
  await client.upsert(invite("replies-1", { callback_url: undefined }));
  await mock.reply({ smart_invite_id: "replies-1", email: "ann@example.com", status: "declined", comment: "Busy" });
  const read = await client.get({ smart_invite_id: "replies-1", recipient_email: "ann@example.com" });
  assert.deepEqual(read.recipient, { email: "ann@example.com", status: "declined", comment: "Busy" });
  assert.deepEqual(read.replies, [{ email: "ann@example.com", status: "declined", comment: "Busy" }]);
});

test("every call is one request when nothing fails", async () => {
  await client.upsert(invite("one-request"));
  assert.equal(attempts(mock, "one-request"), 1);
});

test("the data center picks the API host when no baseUrl is given", () => {
  const uk = new SmartInviteClient({ clientSecret: SECRET, dataCenter: "uk" });
  assert.equal(uk.toJSON().baseUrl, "https://api-uk.cronofy.com");
  assert.equal(String(uk), "SmartInviteClient(https://api-uk.cronofy.com)");
  assert.deepEqual(new SmartInviteClient({ clientSecret: SECRET }).toJSON(), {
    baseUrl: "https://api.cronofy.com",
    dataCenter: "us",
    timeoutMs: 10000,
    maxRetries: 2,
    rateLimit: { perSecond: 50, perMinute: 500, marginMs: 50 },
  });
});

test("through the global fetch (what Deno, Bun, workerd and browsers use) it works the same", async () => {
  // In Node the client sends through node:http by default; passing fetch switches to it.
  const viaFetch = clientFor(mock, { fetch: (url, init) => fetch(url, init) });
  const created = await viaFetch.upsert(invite("fetch-1"));
  assert.equal(created.smart_invite_id, "fetch-1");
  const read = await viaFetch.get({
    smart_invite_id: "fetch-1",
    recipient_email: "ann@example.com",
    include_ics: true,
  });
  assert.match(read.attachments.icalendar, /^BEGIN:VCALENDAR/);
  const error = await viaFetch.get({ smart_invite_id: "nobody", recipient_email: "ann@example.com" }).catch((e) => e);
  assert.equal(error.kind, "not_found");
  assert.match(error.requestId, /^mock-\d+$/);
});
