// The demo server without a browser: the switch between the mock and Cronofy, the secret that
// never reaches the page, and the callback check. The Cronofy path runs with a fetch that
// answers like the API, so no request leaves the machine.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { __buildInviteIcs, normalizeInvite, signNotification } from "../../pkg/gen/node.mjs";
import { startDemo } from "../../www/server/demo.mjs";

const SECRET = "CRN_demo-test-secret-8b2e41";
const JSON_POST = { method: "POST", headers: { "Content-Type": "application/json" } };
const seedRequest = JSON.parse(await readFile(new URL("../fixtures/seed-request.json", import.meta.url), "utf8"));
const seedResponse = JSON.parse(await readFile(new URL("../fixtures/seed-response.json", import.meta.url), "utf8"));
// The fixture's attachment is elided ("BEGIN:VCALENDAR\nVERSION:2.0..."): give it a whole one.
seedResponse.attachments.icalendar = __buildInviteIcs(
  JSON.stringify(normalizeInvite(seedRequest)),
  '{"dtstamp":"2026-04-01T08:00:00Z"}',
);

describe("demo server sending to Cronofy", () => {
  let demo;
  const seen = [];

  before(async () => {
    const fetch = async (url, init) => {
      const request = new Request(url, init);
      seen.push({
        url: request.url,
        method: request.method,
        auth: request.headers.get("authorization"),
        body: await request.text(),
      });
      return Response.json(seedResponse);
    };
    demo = await startDemo({ env: { CRONOFY_CLIENT_SECRET: SECRET, CRONOFY_DATA_CENTER: "uk" }, fetch });
  });
  after(() => demo?.close());

  test("the page learns the mode and data center, never the secret", async () => {
    const text = await (await fetch(`${demo.url}/api/config`)).text();
    const config = JSON.parse(text);
    assert.equal(config.mode, "cronofy");
    assert.equal(config.dataCenter, "uk");
    assert.equal(config.apiUrl, "https://api-uk.cronofy.com");
    assert.ok(!text.includes(SECRET));
    assert.equal(demo.mockUrl, undefined, "no mock is started");
  });

  test("Send goes to the data center with the secret as Bearer; the answer and email come back", async () => {
    const answer = await fetch(`${demo.url}/api/send`, { ...JSON_POST, body: JSON.stringify(seedRequest) });
    const text = await answer.text();
    assert.equal(answer.status, 200, text);
    assert.ok(!text.includes(SECRET));
    const body = JSON.parse(text);
    assert.equal(body.mode, "cronofy");
    assert.equal(body.invite.smart_invite_id, seedResponse.smart_invite_id);
    assert.deepEqual(body.email.envelope.to, ["cronofy@example.com"]);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].url, "https://api-uk.cronofy.com/v1/smart_invites");
    assert.equal(seen[0].auth, `Bearer ${SECRET}`);
    assert.equal(JSON.parse(seen[0].body).event.start.time, "2026-04-29T09:30:00Z");
  });

  test("an invalid invite is answered 422 with the error map, and nothing is sent", async () => {
    const before = seen.length;
    const answer = await fetch(`${demo.url}/api/send`, {
      ...JSON_POST,
      body: JSON.stringify({ smart_invite_id: "x" }),
    });
    assert.equal(answer.status, 422);
    const { error } = await answer.json();
    assert.equal(error.kind, "validation");
    assert.equal(error.errors.recipient[0].key, "errors.required");
    assert.equal(seen.length, before);
  });

  test("callbacks are checked against the client secret; replies cannot be simulated", async () => {
    const body = JSON.stringify({
      notification: { type: "smart_invite" },
      smart_invite: { smart_invite_id: "x", recipient: { email: "a@example.com", status: "accepted" } },
    });
    const post = (signature) =>
      fetch(`${demo.url}/callbacks`, { method: "POST", headers: { "Cronofy-HMAC-SHA256": signature }, body });
    assert.equal((await post(signNotification(body, SECRET))).status, 200);
    assert.equal((await post(signNotification(body, "another-secret"))).status, 401);
    const reply = await fetch(`${demo.url}/api/reply`, { ...JSON_POST, body: "{}" });
    assert.equal(reply.status, 409);
  });

  test("another site cannot send through the demo: Origin, Host and content type are checked", async () => {
    const before = seen.length;
    const body = JSON.stringify(seedRequest);
    const attempts = [
      { "Content-Type": "application/json", Origin: "https://elsewhere.example" },
      { "Content-Type": "text/plain" },
      { "Content-Type": "application/json", Host: "rebound.example:8788" },
    ];
    for (const headers of attempts)
      assert.equal(await postStatus(`${demo.url}/api/send`, headers, body), 403, JSON.stringify(headers));
    assert.equal(await postStatus(`${demo.url}/api/send`, { "Content-Type": "application/json" }, body), 200);
    assert.equal(seen.length, before + 1);
  });
});

describe("demo server settings", () => {
  test("one of the two Cronofy variables alone is refused with what is missing", async () => {
    await assert.rejects(startDemo({ env: { CRONOFY_CLIENT_SECRET: SECRET } }), /CRONOFY_DATA_CENTER .* is missing/);
    await assert.rejects(startDemo({ env: { CRONOFY_DATA_CENTER: "us" } }), /CRONOFY_CLIENT_SECRET is missing/);
    await assert.rejects(
      startDemo({ env: { CRONOFY_CLIENT_SECRET: SECRET, CRONOFY_DATA_CENTER: "eu" } }),
      /CRONOFY_DATA_CENTER must be one of us, uk/,
    );
  });

  test("files outside the page and the package's browser files are not served", async () => {
    const demo = await startDemo({ env: {} });
    try {
      for (const path of [
        "/server/demo.mjs",
        "/../package.json",
        "/pkg/lib/..%2f..%2fREADME.md",
        "/pkg/mock/server.mjs",
      ]) {
        assert.equal((await fetch(`${demo.url}${path}`)).status, 404, path);
      }
      const wasm = await fetch(`${demo.url}/pkg/gen/browser/smart_invite_bg.wasm`);
      assert.equal(wasm.headers.get("content-type"), "application/wasm");
      const again = await fetch(`${demo.url}/pkg/gen/browser/smart_invite_bg.wasm`, {
        headers: { "If-None-Match": wasm.headers.get("etag") },
      });
      assert.equal(again.status, 304);
    } finally {
      await demo.close();
    }
  });
});

/** POSTs with exactly these headers (fetch would replace Host) and resolves to the status. */
function postStatus(url, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on("error", reject);
    request.end(body);
  });
}
