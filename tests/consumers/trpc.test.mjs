// tRPC with inviteSchema as a procedure's input: the recipe of docs/schema.md, run exactly as
// written as a real standalone server on 127.0.0.1 in front of the package's mock of the API,
// called with @trpc/client. An invalid invite rejects with our issues in error.data.issues;
// a valid one reaches the procedure normalized and is sent.

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { SECRET, startProcess, withMockApi, writeRecipe } from "./lib/project.mjs";

const api = withMockApi();

test("tRPC .input(inviteSchema): our issues in error.data.issues, or the normalized invite in the procedure", async () => {
  const file = writeRecipe(api.project.dir, "docs/schema.md", "trpc-server.mjs");
  const server = await startProcess(api.project.dir, file, {
    env: { PORT: "0", CRONOFY_CLIENT_SECRET: SECRET, CRONOFY_BASE_URL: api.mock.url },
    ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  });
  api.processes.push(server);
  const { createTRPCClient, httpLink, TRPCClientError } = createRequire(join(api.project.dir, "x.cjs"))("@trpc/client");
  const trpc = createTRPCClient({ links: [httpLink({ url: server.match })] });

  const invalid = {
    smart_invite_id: "trpc-1",
    recipient: { email: "ann@example.com" },
    event: { summary: "Interview", start: "2026-11-01T01:30", end: "2026-11-01T03:00", tzid: "America/New_York" },
  };
  const error = await trpc.sendInvite.mutate(invalid).then(
    () => assert.fail("an invalid invite must be refused"),
    (e) => e,
  );
  assert.ok(error instanceof TRPCClientError, String(error));
  assert.equal(error.data.code, "BAD_REQUEST");
  assert.equal(error.data.httpStatus, 400);
  const expected = api.pkg.validateInvite(invalid).errors["event.start"][0];
  assert.equal(expected.key, "errors.ambiguous_local_time"); // 01:30 happens twice that night
  assert.deepEqual(error.data.issues, [{ message: expected.description, path: ["event", "start"], key: expected.key }]);
  assert.equal(error.message, expected.description);
  assert.equal(api.mock.requests.length, 0, "nothing is sent for an invalid invite");

  const valid = { ...invalid, event: { ...invalid.event, start: "2026-11-01T01:30-04:00" } };
  const sent = await trpc.sendInvite.mutate(valid);
  assert.deepEqual(sent.invite, api.pkg.validateInvite(valid).invite, "the procedure got the normalized invite");
  assert.deepEqual(sent.invite.event.start, { time: "2026-11-01T05:30:00Z", tzid: "America/New_York" });
  assert.match(sent.icalendar, /^BEGIN:VCALENDAR\r\n/);
  assert.ok(api.mock.find("trpc-1", "ann@example.com"), "the mock holds the invite");
});
