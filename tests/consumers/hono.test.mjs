// Hono with @hono/standard-validator's sValidator("json", inviteSchema): the recipe of
// docs/schema.md, run exactly as written as a real server on 127.0.0.1, in front of the
// package's mock of the API. An invalid invite gets a 400 with our issues and sends nothing;
// a valid one reaches the handler normalized and is sent.

import assert from "node:assert/strict";
import { test } from "node:test";
import { SECRET, startProcess, withMockApi, writeRecipe } from "./lib/project.mjs";

const api = withMockApi();

const event = { summary: "Interview", start: "2026-03-29T01:30", end: "2026-03-29T03:00", tzid: "Europe/London" };
const invalid = {
  smart_invite_id: "hono-1",
  recipients: [{ email: "ann@example.com" }, { email: "bob@" }],
  event,
};
const valid = { ...invalid, recipients: [{ email: "ann@example.com" }, { email: "bob@example.com" }] };
valid.event = { ...event, start: "2026-03-29T02:30" };

test("Hono + sValidator(inviteSchema): 400 with our issues, or the normalized invite in the handler", async () => {
  const file = writeRecipe(api.project.dir, "docs/schema.md", "hono-server.mjs");
  const server = await startProcess(api.project.dir, file, {
    env: { PORT: "0", CRONOFY_CLIENT_SECRET: SECRET, CRONOFY_BASE_URL: api.mock.url },
    ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  });
  api.processes.push(server);
  const post = (body) =>
    fetch(`${server.match}/invites`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  const refused = await post(invalid);
  assert.equal(refused.status, 400);
  const answer = await refused.json();
  assert.equal(answer.success, false);
  const errors = api.pkg.validateInvite(invalid).errors;
  assert.deepEqual(answer.error, [
    {
      message: errors["recipients[1].email"][0].description,
      path: ["recipients", 1, "email"],
      key: "errors.invalid_email",
    },
    { message: errors["event.start"][0].description, path: ["event", "start"], key: "errors.nonexistent_local_time" },
  ]);
  assert.equal(api.mock.requests.length, 0, "nothing is sent for an invalid invite");

  const created = await post(valid);
  assert.equal(created.status, 201, await created.clone().text());
  const body = await created.json();
  assert.deepEqual(body.invite, api.pkg.validateInvite(valid).invite, "the handler got the normalized invite");
  assert.deepEqual(body.invite.event.start, { time: "2026-03-29T01:30:00Z", tzid: "Europe/London" });
  assert.match(body.icalendar, /^BEGIN:VCALENDAR\r\n/);
  assert.ok(api.mock.find("hono-1", "bob@example.com"), "the mock holds the invite");
  assert.equal(api.mock.requests.length, 1);
});
