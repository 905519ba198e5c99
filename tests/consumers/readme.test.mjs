// The README's three recipes, taken from README.md and run exactly as written: sending from
// Node (against the package's mock of the API), the react-hook-form form (the same block as
// docs/schema.md's, which react-hook-form.test.mjs runs in Chromium), and verifying callbacks
// (a real server on 127.0.0.1 that the mock posts a signed reply to).

import assert from "node:assert/strict";
import { test } from "node:test";
import { recipes, SECRET, startProcess, withMockApi, writeRecipe } from "./lib/project.mjs";

const api = withMockApi();

test("README: the recipes come in order after Install, each one named once", () => {
  assert.deepEqual([...recipes("README.md").keys()], ["send.mjs", "invite-form.jsx", "callbacks.mjs"]);
  assert.equal(
    recipes("README.md").get("invite-form.jsx"),
    recipes("docs/schema.md").get("invite-form.jsx"),
    "the README's form is docs/schema.md's, which tests/consumers/react-hook-form.test.mjs runs in Chromium",
  );
});

test("README: send from Node, against the mock of the API", async () => {
  const file = writeRecipe(api.project.dir, "README.md", "send.mjs");
  const run = await startProcess(api.project.dir, file, {
    env: { CRONOFY_CLIENT_SECRET: SECRET, CRONOFY_BASE_URL: api.mock.url },
    ready: /(END:VCALENDAR)/,
  });
  api.processes.push(run);
  const [status, ...ics] = run.output().stdout.trim().split("\n");
  assert.equal(status, "pending");
  assert.equal(ics[0], "BEGIN:VCALENDAR\r");
  const held = api.mock.find("interview-42", "ann@example.com");
  assert.ok(held, "the mock holds the invite");
  assert.deepEqual(held.event.start, { time: "2026-04-29T09:30:00Z", tzid: "Europe/London" });
});

test("README: verify callbacks, with a signed reply posted by the mock", async () => {
  const file = writeRecipe(api.project.dir, "README.md", "callbacks.mjs");
  const server = await startProcess(api.project.dir, file, {
    env: { PORT: "0", CRONOFY_CLIENT_SECRET: SECRET },
    ready: /callbacks on port (\d+)/,
  });
  api.processes.push(server);
  const callback = `http://127.0.0.1:${server.match}/cronofy/callback`;
  const client = new api.pkg.SmartInviteClient({ clientSecret: SECRET, baseUrl: api.mock.url });
  await client.upsert({
    smart_invite_id: "callbacks-1",
    recipient: { email: "ann@example.com" },
    callback_url: callback,
    event: { summary: "Interview", start: "2026-04-29T10:30", end: "2026-04-29T11:00", tzid: "Europe/London" },
  });
  const reply = await api.mock.reply({ smart_invite_id: "callbacks-1", email: "ann@example.com", status: "accepted" });
  assert.equal(reply.delivered, true, reply.reason);
  assert.equal(reply.callbackStatus, 204);
  assert.match(server.output().stdout, /^callbacks-1 ann@example\.com accepted$/m);

  // A body signed with another secret, or not signed, is refused.
  const body = JSON.stringify(reply.notification);
  for (const signature of [api.pkg.signNotification(body, "another-secret"), undefined]) {
    const answer = await fetch(callback, {
      method: "POST",
      headers: { "content-type": "application/json", ...(signature ? { "cronofy-hmac-sha256": signature } : {}) },
      body,
    });
    assert.equal(answer.status, 401);
  }
  assert.equal(server.output().stdout.match(/callbacks-1/g).length, 1);
});
