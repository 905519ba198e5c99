// What the response types promise, the client guarantees at run time: a 2xx answer that lacks a
// field the API always sends for that call is an `invalid_response` error naming the field, and
// what the types leave optional may be missing. A real HTTP server on 127.0.0.1 answers each
// call with the seed's example response, whole or with one field taken out; then every method
// against the package's mock, whose answers must carry all of it.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, test } from "node:test";
import { root, SECRET, withMockApi } from "./lib/project.mjs";

const api = withMockApi();
const seedResponse = JSON.parse(readFileSync(join(root, "tests/fixtures/seed-response.json"), "utf8"));
const seedRequest = JSON.parse(readFileSync(join(root, "tests/fixtures/seed-request.json"), "utf8"));

let answer; // the body the stand-in server sends next
let server;
after(() => server?.close());

/** A client of a server on 127.0.0.1 that answers every request 200 with `answer`. */
async function standInClient() {
  server = createServer((req, res) => {
    req.resume().on("end", () => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  return new api.pkg.SmartInviteClient({ clientSecret: SECRET, baseUrl, maxRetries: 0 });
}

/** The seed response with `change` applied to a copy. */
function seedWith(change) {
  const copy = structuredClone(seedResponse);
  change(copy);
  return copy;
}

const multiResponse = seedWith((r) => {
  r.recipients = [r.recipient, { email: "second@example.com", status: "accepted" }];
  delete r.recipient;
});
const multiRequest = {
  ...seedRequest,
  recipient: undefined,
  recipients: [{ email: "cronofy@example.com" }, { email: "second@example.com" }],
};
const single = { smart_invite_id: seedRequest.smart_invite_id, recipient: seedRequest.recipient };
const read = { smart_invite_id: seedRequest.smart_invite_id, recipient_email: "cronofy@example.com" };

// [call, what the server answers, the field the error must name (undefined: accepted)]
const CASES = (client) => [
  ["upsert", () => client.upsert(seedRequest), seedResponse, undefined],
  ["upsert", () => client.upsert(seedRequest), seedWith((r) => delete r.recipient.status), "recipient.status"],
  ["upsert", () => client.upsert(seedRequest), seedWith((r) => delete r.recipient), "recipient"],
  ["upsert", () => client.upsert(seedRequest), seedWith((r) => delete r.attachments), "attachments.icalendar"],
  [
    "upsert (the Ruby SDK's stub)",
    () => client.upsert(seedRequest),
    seedWith((r) => (r.attachments = [])),
    "attachments.icalendar",
  ],
  ["upsert", () => client.upsert(seedRequest), seedWith((r) => delete r.event), "event"],
  ["upsert", () => client.upsert(seedRequest), seedWith((r) => delete r.event.summary), "event.summary"],
  ["upsert", () => client.upsert(seedRequest), seedWith((r) => delete r.event.end), "event.end"],
  ["upsert", () => client.upsert(seedRequest), seedWith((r) => delete r.callback_url), undefined],
  ["upsert with recipients", () => client.upsert(multiRequest), multiResponse, undefined],
  ["upsert with recipients", () => client.upsert(multiRequest), seedResponse, "recipients"],
  [
    "upsert with recipients",
    () => client.upsert(multiRequest),
    seedWith((r) => (r.recipients = [{ email: "a@example.com" }])),
    "recipients[0].status",
  ],
  ["cancel", () => client.cancel(single), seedWith((r) => delete r.event), undefined],
  ["cancel", () => client.cancel(single), seedWith((r) => delete r.recipient.status), undefined],
  ["cancel", () => client.cancel(single), seedWith((r) => delete r.attachments.icalendar), "attachments.icalendar"],
  ["get", () => client.get(read), seedWith((r) => delete r.attachments), undefined],
  ["get", () => client.get(read), seedWith((r) => delete r.recipient.status), "recipient.status"],
  ["get", () => client.get(read), seedWith((r) => (r.replies = [{ email: "x@example.com" }])), "replies[0].status"],
  ["get", () => client.get(read), multiResponse, "recipient"],
  ["get with include_ics", () => client.get({ ...read, include_ics: true }), seedResponse, undefined],
  [
    "get with include_ics",
    () => client.get({ ...read, include_ics: true }),
    seedWith((r) => delete r.attachments),
    "attachments.icalendar",
  ],
  ["get without recipient_email", () => client.get({ smart_invite_id: "x" }), multiResponse, undefined],
  ["get without recipient_email", () => client.get({ smart_invite_id: "x" }), seedResponse, "recipients"],
  ["removeRecipient", () => client.removeRecipient(single), { smart_invite_id: "x", attachments: [] }, undefined],
];

test("a 2xx answer missing what the API always sends for the call is an invalid_response naming it", async () => {
  const client = await standInClient();
  for (const [name, call, body, missing] of CASES(client)) {
    answer = body;
    const outcome = await call().then(
      (value) => ({ value }),
      (error) => ({ error }),
    );
    const label = `${name} answered ${JSON.stringify(body).slice(0, 160)}`;
    if (missing === undefined) {
      assert.equal(outcome.error, undefined, `${label}: ${outcome.error}`);
      assert.equal(outcome.value.smart_invite_id, body.smart_invite_id);
    } else {
      assert.ok(outcome.error, `${label}: accepted, but it lacks ${missing}`);
      assert.equal(outcome.error.kind, "invalid_response", `${label}: ${outcome.error}`);
      assert.equal(outcome.error.status, 200);
      assert.ok(
        outcome.error.message.includes(`\`${missing}\``),
        `${label}: the message must name ${missing}: ${outcome.error.message}`,
      );
    }
  }
});

test("every method against the mock of the API: all that the types promise is there", async () => {
  const mockClient = new api.pkg.SmartInviteClient({ clientSecret: SECRET, baseUrl: api.mock.url });
  const event = { summary: "Interview", start: "2026-04-29T10:30", end: "2026-04-29T11:00", tzid: "Europe/London" };
  const one = await mockClient.upsert({ smart_invite_id: "r-1", recipient: { email: "ann@example.com" }, event });
  assert.equal(one.recipient.status, "pending");
  assert.match(one.attachments.icalendar, /^BEGIN:VCALENDAR/);
  assert.equal(one.event.summary, "Interview");
  const team = await mockClient.upsert({
    smart_invite_id: "r-2",
    recipients: [{ email: "ann@example.com" }, { email: "bob@example.com", status: "accepted" }],
    event,
  });
  assert.deepEqual(
    team.recipients.map((r) => r.status),
    ["pending", "accepted"],
  );
  const state = await mockClient.get({ smart_invite_id: "r-1", recipient_email: "ann@example.com", include_ics: true });
  assert.equal(state.recipient.status, "pending");
  assert.match(state.attachments.icalendar, /^BEGIN:VCALENDAR/);
  const everyone = await mockClient.get({ smart_invite_id: "r-2" });
  assert.equal(everyone.recipients.length, 2);
  const alone = await mockClient.get({ smart_invite_id: "r-1" });
  assert.deepEqual(
    alone.recipients.map((r) => r.email),
    ["ann@example.com"],
  );
  await mockClient.removeRecipient({ smart_invite_id: "r-2", recipient: { email: "bob@example.com" } });
  const gone = await mockClient.get({ smart_invite_id: "r-2", recipient_email: "bob@example.com" }).catch((e) => e);
  assert.equal(gone.kind, "not_found");
  const cancelled = await mockClient.cancel({ smart_invite_id: "r-1", recipient: { email: "ann@example.com" } });
  assert.match(cancelled.attachments.icalendar, /METHOD:CANCEL/);
});
