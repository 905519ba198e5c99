// Every error kind, with its fields, and the client secret absent from all of them.

import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import { after, before, test } from "node:test";
import { inspect } from "node:util";
import {
  clientFor,
  faultyClient,
  invite,
  rejection,
  SECRET,
  SmartInviteClient,
  SmartInviteError,
  startMockServer,
  validateInvite,
} from "./helpers.mjs";

let mock;
before(async () => {
  mock = await startMockServer({ clientSecret: SECRET });
});
after(() => mock.close());

/** Asserts the secret appears in no view of the error (nor of its cause chain). */
function assertNoSecret(error) {
  const views = [
    error.message,
    String(error),
    JSON.stringify(error),
    error.stack,
    inspect(error, { depth: Infinity, showHidden: true }),
  ];
  for (const view of views) assert.ok(!String(view).includes(SECRET), `secret leaked in: ${view}`);
}

async function expectKind(promise, kind, fields = {}) {
  const error = await rejection(promise);
  assert.ok(error instanceof SmartInviteError, `not a SmartInviteError: ${error?.stack ?? error}`);
  assert.equal(error.kind, kind, error.message);
  for (const [field, value] of Object.entries(fields)) assert.deepEqual(error[field], value, field);
  assertNoSecret(error);
  return error;
}

/** A port nothing listens on. */
async function closedPort() {
  const server = http.createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An error map reduced to its keys: `{ path: [key, ...] }`. */
const keysOf = (errors) =>
  Object.fromEntries(Object.entries(errors).map(([path, list]) => [path, list.map((i) => i.key)]));

test("validation (local): the error map, and nothing is sent", async () => {
  const client = clientFor(mock);
  const before = mock.requests.length;
  const bad = invite("bad-1", { recipient: { email: "not an email" }, event: { summary: "" } });
  const error = await expectKind(client.upsert(bad), "validation");
  assert.deepEqual(error.errors, validateInvite(bad).errors);
  // Written out from the rules (docs/core.md): an empty summary is blank, the missing times
  // are required, and the address is not one.
  assert.deepEqual(keysOf(error.errors), {
    "recipient.email": ["errors.invalid_email"],
    "event.summary": ["errors.blank"],
    "event.start": ["errors.required"],
    "event.end": ["errors.required"],
  });
  assert.match(error.errors["recipient.email"][0].description, /"not an email" is not a valid email address/);
  assert.equal(error.status, undefined);
  for (const call of [
    client.upsert(invite("bad-2", { method: "cancel" })),
    client.cancel({ smart_invite_id: "bad-3" }),
    client.removeRecipient({ smart_invite_id: "", recipient: { email: "a@example.com" } }),
    client.get({ recipient_email: "a@example.com" }),
    client.get({ smart_invite_id: "x", recipient_email: "nope" }),
    client.upsert("{not json"),
    client.upsert(10n),
    client.upsert(null),
  ]) {
    await expectKind(call, "validation");
  }
  const cyclic = invite("cyclic");
  cyclic.event.self = cyclic;
  const error2 = await expectKind(client.upsert(cyclic), "validation");
  assert.equal(error2.errors[""][0].key, "errors.invalid_json");
  assert.equal(mock.requests.length, before, "an invalid payload must never reach the server");
});

test("validation (server 422): the same error map as local validation", async () => {
  // The body is swapped after local validation, so the server judges an invalid payload.
  const swapped = { smart_invite_id: "x", recipient: { email: "ann@example.com" }, event: { summary: "No times" } };
  const client = clientFor(mock, {
    fetch: (url, init) => fetch(url, { ...init, body: JSON.stringify(swapped) }),
  });
  const error = await expectKind(client.upsert(invite("swap-1")), "validation", { status: 422 });
  assert.deepEqual(error.errors, validateInvite(swapped).errors);
  // The map the mock answered, written out: both times are missing, nothing else is wrong.
  assert.deepEqual(keysOf(error.errors), { "event.start": ["errors.required"], "event.end": ["errors.required"] });
  assert.match(error.requestId, /^mock-\d+$/);
  assert.match(error.message, /HTTP 422/);
});

test("unauthorized: a wrong secret", async () => {
  const client = new SmartInviteClient({ clientSecret: `${SECRET}-wrong`, baseUrl: mock.url });
  const error = await expectKind(client.upsert(invite("auth-1")), "unauthorized", { status: 401 });
  assert.ok(!error.message.includes(`${SECRET}-wrong`));
  assert.match(error.requestId, /^mock-\d+$/);
});

for (const [status, kind] of [
  [402, "payment_required"],
  [403, "forbidden"],
  [500, "server"],
  [503, "server"],
]) {
  test(`${kind}: HTTP ${status}`, async () => {
    await expectKind(faultyClient(mock, `status=${status}`, { maxRetries: 0 }).upsert(invite(`s-${status}`)), kind, {
      status,
    });
  });
}

test("not_found: reading an invite that does not exist", async () => {
  const client = clientFor(mock);
  await expectKind(client.get({ smart_invite_id: "nobody", recipient_email: "x@example.com" }), "not_found", {
    status: 404,
  });
  await expectKind(client.cancel({ smart_invite_id: "nobody", recipient: { email: "x@example.com" } }), "not_found");
});

test("rate_limited: 429 with retryAfterMs from Retry-After", async () => {
  const client = faultyClient(mock, "status=429, retry-after=7", { maxRetries: 0 });
  await expectKind(client.upsert(invite("rl-1")), "rate_limited", { status: 429, retryAfterMs: 7000 });
});

// The test timeouts are hang guards: a client whose timeout never fired would stop here. How
// soon a timeout fires is measured by `make bench-client` (bench/client/timing.mjs).
test("timeout: no answer within timeoutMs", { timeout: 60_000 }, async () => {
  const client = faultyClient(mock, "hang", { timeoutMs: 100, maxRetries: 0 });
  const error = await expectKind(client.upsert(invite("to-1")), "timeout");
  assert.match(error.message, /100 ms/);
});

test("timeout: also when an injected fetch ignores the abort signal", { timeout: 60_000 }, async () => {
  const client = clientFor(mock, { timeoutMs: 80, maxRetries: 0, fetch: () => new Promise(() => {}) });
  await expectKind(client.upsert(invite("to-2")), "timeout");
});

test("network: connection refused, and a reset connection", async () => {
  const port = await closedPort();
  const refused = new SmartInviteClient({ clientSecret: SECRET, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
  const error = await expectKind(refused.upsert(invite("net-1")), "network");
  assert.match(error.message, /ECONNREFUSED/);
  assert.ok(error.cause, "the runtime's error is kept as cause");
  await expectKind(faultyClient(mock, "reset", { maxRetries: 0 }).upsert(invite("net-2")), "network");
  const throwing = clientFor(mock, {
    maxRetries: 0,
    fetch: () => {
      throw new TypeError("proxy down");
    },
  });
  const thrown = await expectKind(throwing.upsert(invite("net-3")), "network");
  assert.match(thrown.message, /proxy down/);
});

test("invalid_response: a truncated body, a non-invite body, a redirect", async () => {
  const malformed = await expectKind(faultyClient(mock, "malformed").upsert(invite("ir-1")), "invalid_response", {
    status: 200,
  });
  assert.match(malformed.message, /not JSON/);
  const notInvite = clientFor(mock, { fetch: async () => new Response('{"hello":1}', { status: 200 }) });
  await expectKind(notInvite.upsert(invite("ir-2")), "invalid_response", { status: 200 });
  const redirect = clientFor(mock, {
    fetch: async () => new Response(null, { status: 302, headers: { location: "https://elsewhere.example" } }),
  });
  await expectKind(redirect.upsert(invite("ir-3")), "invalid_response", { status: 302 });
  const notResponse = clientFor(mock, { fetch: async () => "hello" });
  await expectKind(notResponse.upsert(invite("ir-4")), "invalid_response");
});

test("invalid_options: the constructor says what is wrong", () => {
  const cases = [
    [undefined, /options object/],
    [{}, /clientSecret is required/],
    [{ clientSecret: "  " }, /clientSecret is required/],
    [{ clientSecret: SECRET, dataCenter: "eu" }, /"eu" is not a data center/],
    [{ clientSecret: SECRET, baseUrl: "http://api.cronofy.com" }, /unencrypted/],
    [{ clientSecret: SECRET, timeoutMs: 0 }, /timeoutMs/],
    [{ clientSecret: SECRET, maxRetries: 1.5 }, /maxRetries/],
    [{ clientSecret: SECRET, fetch: "fetch" }, /fetch must be a function/],
    [{ clientSecret: SECRET, timeout: 5 }, /Unknown option "timeout"/],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => new SmartInviteClient(options),
      (error) => {
        assert.ok(error instanceof SmartInviteError);
        assert.equal(error.kind, "invalid_options");
        assert.match(error.message, message);
        assertNoSecret(error);
        return true;
      },
    );
  }
});

test("in a browser context a client secret is refused unless allowBrowser: true", () => {
  globalThis.window = {};
  try {
    assert.throws(
      () => new SmartInviteClient({ clientSecret: SECRET }),
      (error) => {
        assert.equal(error.kind, "invalid_options");
        assert.match(error.message, /allowBrowser: true/);
        assertNoSecret(error);
        return true;
      },
    );
    assert.ok(new SmartInviteClient({ clientSecret: SECRET, allowBrowser: true }));
  } finally {
    delete globalThis.window;
  }
  assert.ok(new SmartInviteClient({ clientSecret: SECRET }));
});

test("the client itself never shows the secret", () => {
  const client = clientFor(mock);
  for (const view of [JSON.stringify(client), String(client), inspect(client, { depth: Infinity, showHidden: true })]) {
    assert.ok(!view.includes(SECRET), view);
  }
});
