// The mock itself, over plain HTTP: the command, the Bearer check, 422s in Cronofy's shape,
// the control endpoints and fault specs.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseFault } from "../../pkg/mock/index.mjs";
import { invite, SECRET, startMockServer, validateInvite } from "./helpers.mjs";

const CLI = fileURLToPath(new URL("../../pkg/mock/cli.mjs", import.meta.url));

let mock;
before(async () => {
  mock = await startMockServer({ clientSecret: SECRET });
});
after(() => mock.close());

const post = (body, headers = {}) =>
  fetch(`${mock.url}/v1/smart_invites`, {
    method: "POST",
    headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

test("the Bearer check: missing or wrong secrets get 401", async () => {
  for (const authorization of [undefined, "Bearer nope", SECRET, `bearer ${SECRET}x`]) {
    const response = await fetch(`${mock.url}/v1/smart_invites`, {
      method: "POST",
      headers: authorization ? { authorization } : {},
      body: JSON.stringify(invite("auth")),
    });
    assert.equal(response.status, 401);
    assert.match(response.headers.get("www-authenticate"), /^Bearer/);
  }
});

test("invalid payloads get a 422 in Cronofy's shape, from the package's own validation", async () => {
  const bad = { smart_invite_id: "x", recipient: { email: "nope" }, event: { summary: "" } };
  const response = await post(bad);
  assert.equal(response.status, 422);
  const body = await response.json();
  assert.deepEqual(Object.keys(body), ["errors"]);
  assert.deepEqual(body.errors, validateInvite(bad).errors);
  for (const list of Object.values(body.errors)) {
    for (const item of list) assert.deepEqual(Object.keys(item).sort(), ["description", "key"]);
  }
  // The same map written out from the rules (docs/core.md), not from validateInvite.
  assert.deepEqual(
    Object.fromEntries(Object.entries(body.errors).map(([path, list]) => [path, list.map((i) => i.key)])),
    {
      "recipient.email": ["errors.invalid_email"],
      "event.summary": ["errors.blank"],
      "event.start": ["errors.required"],
      "event.end": ["errors.required"],
    },
  );
  assert.match(body.errors["recipient.email"][0].description, /"nope" is not a valid email address/);
  const oops = await post("{oops");
  assert.equal(oops.status, 422);
  const { errors } = await oops.json();
  assert.deepEqual(Object.keys(errors), [""]);
  assert.equal(errors[""][0].key, "errors.invalid_json");
  assert.match(errors[""][0].description, /not valid JSON.*line 1 column 2/);
});

test("an invite just under the 1 MiB limit is stored and answered with every recipient", async () => {
  // The mock once re-validated the normalized invite to write its calendar, and that text,
  // a few bytes longer than the body, passed the limit: a 500 for a valid request.
  const recipients = (n) => Array.from({ length: n }, (_, i) => ({ email: `p${i}@example.com` }));
  const body = (n) => JSON.stringify({ ...invite("big"), recipient: undefined, recipients: recipients(n) });
  let n = 34_000;
  while (body(n + 1).length < 1 << 20) n += 1;
  assert.ok(validateInvite(body(n)).ok);
  const response = await post(body(n));
  assert.equal(response.status, 200);
  const answer = await response.json();
  assert.equal(answer.recipients.length, n);
  const { icalendar } = answer.attachments;
  assert.equal(icalendar.match(/\r\nATTENDEE;/g).length, n);
  assert.ok(icalendar.includes(`\r\nATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:p${n - 1}@example.com\r\n`));
  assert.equal(mock.writeCounts("big", `P${n - 1}@example.com`).created, 1);
});

test("the request log names the invite and recipient of each body, where they are text", async () => {
  const cases = [
    [invite("log-1"), "log-1", "ann@example.com"],
    ['{"smart_invite_id":"log-2","smart_invite_id":"log-3","recipient":{"email":"a@x"},"recipient":{}}', "log-3"],
    ['{"smart_invite_id":7,"recipient":"ann@example.com"}'],
    ['[{"smart_invite_id":"log-4"}]'],
    ['{"smart_invite_id":"log-5"'],
  ];
  for (const [body, id, recipient] of cases) {
    const response = await post(body);
    const entry = mock.requests.find((r) => r.id === response.headers.get("x-request-id"));
    assert.deepEqual([entry.smart_invite_id, entry.recipient], [id, recipient], String(body));
  }
});

test("every API answer carries a request id; other paths and methods are refused", async () => {
  const ok = await post(invite("rid"));
  assert.match(ok.headers.get("x-request-id"), /^mock-\d+$/);
  assert.equal((await fetch(`${mock.url}/v1/other`)).status, 404);
  const put = await fetch(`${mock.url}/v1/smart_invites`, {
    method: "PUT",
    headers: { authorization: `Bearer ${SECRET}` },
  });
  assert.equal(put.status, 405);
});

test("fault specs: header and queue", async () => {
  const limited = await post(invite("f1"), { "x-mock-fault": "status=429, retry-after=3" });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "3");
  const queued = await fetch(`${mock.url}/_mock/faults`, {
    method: "POST",
    body: JSON.stringify({ faults: ["status=502"], smart_invite_id: "f2" }),
  });
  assert.deepEqual(await queued.json(), { queued: 1 });
  assert.equal((await post(invite("f-other"))).status, 200, "the queued fault waits for its invite");
  assert.equal((await post(invite("f2"))).status, 502);
  assert.equal((await post(invite("f2"))).status, 200);
  const malformed = await post(invite("f3"), { "x-mock-fault": "malformed" });
  assert.equal(malformed.status, 200);
  await assert.rejects(malformed.json());
  await assert.rejects(post(invite("f4"), { "x-mock-fault": "reset" }));
  assert.deepEqual(parseFault("delay=5, status=503"), { spec: "delay=5, status=503", delay: 5, status: 503 });
  assert.throws(() => parseFault("explode"), /Unknown mock fault "explode"/);
  assert.throws(() => parseFault("status=abc"), /whole number/);
});

test("control endpoints: invites, requests, reset", async () => {
  const local = await startMockServer({ clientSecret: SECRET });
  try {
    await fetch(`${local.url}/v1/smart_invites`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET}` },
      body: JSON.stringify(invite("ctl")),
    });
    const invites = await (await fetch(`${local.url}/_mock/invites`)).json();
    assert.equal(invites.length, 1);
    assert.equal(invites[0].smart_invite_id, "ctl");
    assert.deepEqual(invites[0].recipients, [{ email: "ann@example.com", status: "pending" }]);
    const requests = await (await fetch(`${local.url}/_mock/requests`)).json();
    assert.equal(requests.length, 1);
    assert.equal(requests[0].status, 200);
    await fetch(`${local.url}/_mock/reset`, { method: "POST" });
    assert.equal(local.invites.size, 0);
    assert.equal((await fetch(`${local.url}/_mock/nothing`)).status, 404);
  } finally {
    await local.close();
  }
});

test("a stored invite corrupted in the mock's store: reading its .ics is a 500 with the writer's words, and the mock goes on", async () => {
  const read = (id) =>
    fetch(`${mock.url}/v1/smart_invites?smart_invite_id=${id}&recipient_email=ann@example.com&include_ics=true`, {
      headers: { authorization: `Bearer ${SECRET}` },
    });
  assert.equal((await post(invite("stored-ok"))).status, 200);
  assert.equal((await post(invite("stored-bad"))).status, 200);
  const record = [...mock.invites.values()].find((r) => r.smart_invite_id === "stored-bad");
  record.event = { ...record.event, start: "tomorrow at nine" };

  const refused = await read("stored-bad");
  assert.equal(refused.status, 500);
  const { detail } = await refused.json();
  assert.match(detail, /^The invite cannot be written as iCalendar: /);
  const fine = await read("stored-ok");
  assert.equal(fine.status, 200);
  assert.match((await fine.json()).attachments.icalendar, /^BEGIN:VCALENDAR/);
});

test("the smart-invite-mock command serves the API until interrupted", async () => {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--client-secret", SECRET, "--quiet"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const [line] = await once(child.stdout, "data");
    const url = String(line).match(/http:\/\/127\.0\.0\.1:\d+/)[0];
    const response = await fetch(`${url}/v1/smart_invites`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET}` },
      body: JSON.stringify(invite("cli-1")),
    });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).smart_invite_id, "cli-1");
  } finally {
    child.kill("SIGINT");
  }
  const [code] = await once(child, "exit");
  assert.equal(code, 0);
});

test("the command refuses bad arguments", async () => {
  const child = spawn(process.execPath, [CLI, "--port", "http"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const [code] = await once(child, "exit");
  assert.equal(code, 2);
  assert.match(stderr, /--port must be a port number/);
});
