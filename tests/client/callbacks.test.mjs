// Signed callbacks: the published vectors, and a real notification from the mock received by
// a real HTTP handler, verified and parsed.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import {
  clientFor,
  invite,
  parseNotification,
  SECRET,
  SmartInviteError,
  signNotification,
  startCallbackReceiver,
  startMockServer,
  verifyNotification,
} from "./helpers.mjs";

const fixtures = JSON.parse(readFileSync(new URL("../fixtures/real-payloads.json", import.meta.url), "utf8"));

let mock;
let receiver;
before(async () => {
  mock = await startMockServer({ clientSecret: SECRET });
  receiver = await startCallbackReceiver();
});
after(async () => {
  await mock.close();
  await receiver.close();
});

test("the published test vectors", () => {
  const body = '{"example":"well-known"}';
  assert.equal(
    signNotification(body, "CRN_NggYusqPGLxwjw5FHOJYOqSrTPNXy8WQf14OID"),
    "5DxentQi5YSXODEzTVv06sRwJ3pULIz1KrYv20qxEK0=",
  );
  assert.equal(signNotification(body, "pDY0Oi7TJSP2hfNmZNkm5"), "6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c=");
  for (const vector of fixtures.hmac_vectors) {
    for (const raw of [vector.body, Buffer.from(vector.body), new TextEncoder().encode(vector.body)]) {
      const valid = verifyNotification({ body: raw, signature: vector.signature, clientSecret: vector.secret });
      assert.equal(valid, vector.valid, `${vector.note} (${raw.constructor.name})`);
    }
  }
});

test("several secrets (rotation), missing or empty signatures", () => {
  const body = '{"example":"well-known"}';
  const signature = "6r2/HjBkqymGegX0wOfifieeUXbbHwtV/LohHS+jv6c=";
  assert.ok(verifyNotification({ body, signature, clientSecrets: ["old", "pDY0Oi7TJSP2hfNmZNkm5"] }));
  assert.ok(!verifyNotification({ body, signature, clientSecrets: ["old", "older"] }));
  for (const missing of [undefined, null, "", " , "]) {
    assert.equal(verifyNotification({ body, signature: missing, clientSecret: "pDY0Oi7TJSP2hfNmZNkm5" }), false);
  }
  assert.ok(
    !verifyNotification({ body: `${body} `, signature, clientSecret: "pDY0Oi7TJSP2hfNmZNkm5" }),
    "one byte more",
  );
});

test("misuse is a clear error, never a silent false", () => {
  const cases = [
    [{ body: { example: "well-known" }, signature: "x", clientSecret: "s" }, /raw request body/],
    [{ body: "{}", signature: "x" }, /clientSecret/],
    [{ body: "{}", signature: "x", clientSecret: "" }, /clientSecret/],
    [{ body: "{}", signature: 5, clientSecret: "s" }, /signature/],
    [{ body: "{}", signature: "x", clientSecrets: "s" }, /array/],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => verifyNotification(options),
      (e) => e instanceof SmartInviteError && e.kind === "invalid_options" && message.test(e.message),
    );
  }
  assert.throws(
    () => signNotification("{}", ""),
    (e) => e.kind === "invalid_options",
  );
});

test("parseNotification: the documented example, and clear errors", () => {
  const [documented] = fixtures.notifications;
  const parsed = parseNotification(JSON.stringify(documented.json));
  assert.equal(parsed.notification.type, "smart_invite");
  assert.equal(parsed.smart_invite.smart_invite_id, "example_id");
  assert.equal(parsed.smart_invite.reply.status, "tentative");
  assert.deepEqual(parsed.smart_invite.reply.proposal.start, {
    time: "2025-01-21T23:00:00+02:00",
    tzid: "Europe/Paris",
  });
  assert.throws(
    () => parseNotification(documented.raw),
    (e) => e.kind === "invalid_notification" && /trailing comma at line \d/.test(e.message),
  );
  assert.throws(
    () => parseNotification('{"foo":1}'),
    (e) => e.kind === "invalid_notification" && /notification/.test(e.message),
  );
  assert.throws(
    () => parseNotification(42),
    (e) => e.kind === "invalid_notification",
  );
});

test("a reply at the mock reaches a real HTTP handler, signed; the handler verifies and parses it", async () => {
  const client = clientFor(mock);
  await client.upsert(invite("cb-1", { callback_url: receiver.url }));
  const arriving = receiver.next();
  const proposal = {
    start: { time: "2026-04-29T11:00:00+02:00", tzid: "Europe/Paris" },
    end: { time: "2026-04-29T11:30:00+02:00", tzid: "Europe/Paris" },
  };
  const outcome = await mock.reply({
    smart_invite_id: "cb-1",
    email: "ann@example.com",
    status: "tentative",
    comment: "Later?",
    proposal,
  });
  assert.equal(outcome.delivered, true);
  assert.equal(outcome.callbackStatus, 204);
  const hit = await arriving;
  assert.equal(hit.path, "/cronofy/callback");
  assert.equal(hit.headers["content-type"], "application/json; charset=utf-8");
  const signature = hit.headers["cronofy-hmac-sha256"];
  assert.ok(verifyNotification({ body: hit.body, signature, clientSecret: SECRET }));
  assert.ok(!verifyNotification({ body: hit.body, signature, clientSecret: "another-secret" }));
  assert.ok(
    verifyNotification({ body: hit.body, signature: `stale-value, ${signature}`, clientSecrets: ["old", SECRET] }),
  );
  const tampered = Buffer.from(hit.body.toString().replace("tentative", "accepted"));
  assert.ok(!verifyNotification({ body: tampered, signature, clientSecret: SECRET }));

  const notification = parseNotification(hit.body);
  assert.deepEqual(notification, {
    notification: { type: "smart_invite" },
    smart_invite: {
      smart_invite_id: "cb-1",
      callback_url: receiver.url,
      recipient: { email: "ann@example.com", status: "tentative", comment: "Later?", proposal },
      reply: { email: "ann@example.com", status: "tentative", comment: "Later?", proposal },
    },
  });
  const read = await client.get({ smart_invite_id: "cb-1", recipient_email: "ann@example.com" });
  assert.equal(read.recipient.status, "tentative");
});

test("the control endpoint works over HTTP too", async () => {
  await clientFor(mock).upsert(invite("cb-2", { callback_url: receiver.url }));
  const arriving = receiver.next();
  const response = await fetch(`${mock.url}/_mock/reply`, {
    method: "POST",
    body: JSON.stringify({ smart_invite_id: "cb-2", email: "ann@example.com", status: "accepted" }),
  });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).delivered, true);
  const hit = await arriving;
  assert.ok(
    verifyNotification({ body: hit.body, signature: hit.headers["cronofy-hmac-sha256"], clientSecret: SECRET }),
  );
  assert.equal(parseNotification(hit.body).smart_invite.reply.status, "accepted");
});

test("the mock posts callbacks to loopback hosts only (no request to any other host)", async () => {
  const port = new URL(receiver.url).port;
  // Every fetch the mock makes while replying, seen on the way out (and passed on unchanged).
  const fetched = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    fetched.push(String(url));
    return realFetch(url, init);
  };
  const replyVia = async (id, callbackUrl) => {
    await clientFor(mock, { fetch: realFetch }).upsert(invite(id, { callback_url: callbackUrl }));
    fetched.length = 0;
    const outcome = await mock.reply({ smart_invite_id: id, email: "ann@example.com", status: "accepted" });
    return { outcome, fetched: [...fetched] };
  };
  try {
    const refused = [
      "https://app.example.com/cronofy/callback",
      "http://169.254.169.254/latest/meta-data/", // a cloud metadata service
      "http://10.0.0.1/callback",
      `http://0.0.0.0:${port}/cronofy/callback`, // reaches this machine on Linux, but is no loopback name
      `http://127.0.0.1.nip.io:${port}/cronofy/callback`,
      `http://localhost.example.com:${port}/cronofy/callback`,
      `http://[::ffff:127.0.0.1]:${port}/cronofy/callback`,
    ];
    for (const [i, url] of refused.entries()) {
      const { outcome, fetched } = await replyVia(`ssrf-${i}`, url);
      assert.equal(outcome.delivered, false, url);
      assert.equal(outcome.reason, "the mock posts callbacks to loopback hosts only", url);
      assert.deepEqual(fetched, [], `${url}: the mock made a request`);
      assert.equal(outcome.notification.smart_invite.reply.status, "accepted", "the reply itself is recorded");
    }
    // Loopback in the forms a URL may take: each is posted to (127.0.0.2 has no listener).
    const allowed = [
      [`http://127.0.0.1:${port}/cronofy/callback`, true],
      [`http://2130706433:${port}/cronofy/callback`, true], // 127.0.0.1 as one number
      [`http://127.0.0.2:${port}/cronofy/callback`, false],
    ];
    for (const [i, [url, delivered]] of allowed.entries()) {
      const { outcome, fetched } = await replyVia(`loopback-${i}`, url);
      assert.equal(fetched.length, 1, `${url}: posted once`);
      assert.equal(new URL(fetched[0]).port, port);
      assert.equal(outcome.delivered, delivered, `${url}: ${outcome.reason}`);
    }
  } finally {
    globalThis.fetch = realFetch;
  }
});
