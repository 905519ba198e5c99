// The demo in Cronofy mode (CRONOFY_CLIENT_SECRET and CRONOFY_DATA_CENTER set), in headless
// Chromium: Cronofy cannot post callbacks to 127.0.0.1, so the page reads the statuses every
// 5 s through the demo server's `client.get`. The API is a stand-in `fetch` handed to the demo
// server that keeps the invites it is sent and answers like the API: nothing leaves the machine.
// The page's clock is Playwright's fake one, paused and moved on by hand, so no test waits 5 s
// and a slow machine cannot make a poll come early.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { __buildInviteIcs } from "../../pkg/gen/node.mjs";
import { startDemo } from "../../www/server/demo.mjs";
import { launchChromium } from "../runtimes/lib/chromium.mjs";

const SECRET = "CRN_demo-poll-secret-5d7c02";
const API = "https://api-uk.cronofy.com/v1/smart_invites";
const POLL_MS = 5_000; // www/public/sent.mjs
const START = Date.UTC(2026, 3, 1, 8, 0, 0); // the page's fake clock

/** A stand-in of the Smart Invites API as a fetch: POST keeps the invite, GET reads it back
 * with the statuses `answers` holds. Every request is kept in `seen`. */
function standInApi() {
  const invites = new Map();
  const answers = new Map();
  const seen = [];
  const shown = (invite) => {
    const people = (invite.recipients ?? [invite.recipient]).map(({ email }) => ({
      email,
      status: answers.get(email) ?? "pending",
    }));
    const body = { smart_invite_id: invite.smart_invite_id, callback_url: invite.callback_url, event: invite.event };
    if (invite.recipients) body.recipients = people;
    else body.recipient = people[0];
    return body;
  };
  const fetch = async (url, init) => {
    const request = new Request(url, init);
    const text = request.method === "POST" ? await request.text() : "";
    seen.push({ url: request.url, method: request.method, auth: request.headers.get("authorization") });
    if (request.method === "POST") {
      const invite = JSON.parse(text);
      invites.set(invite.smart_invite_id, invite);
      const icalendar = __buildInviteIcs(text, JSON.stringify({ dtstamp: "2026-04-01T08:00:00Z" }));
      return Response.json({ ...shown(invite), attachments: { icalendar } });
    }
    const invite = invites.get(new URL(request.url).searchParams.get("smart_invite_id"));
    return invite ? Response.json(shown(invite)) : new Response(null, { status: 404 });
  };
  return { fetch, answers, seen };
}

describe("demo page sending to Cronofy", () => {
  let demo, browser, page;
  const api = standInApi();
  const problems = [];

  before(async () => {
    demo = await startDemo({ env: { CRONOFY_CLIENT_SECRET: SECRET, CRONOFY_DATA_CENTER: "uk" }, fetch: api.fetch });
    browser = await launchChromium();
    const context = await browser.newContext({ timezoneId: "Europe/London", locale: "en-GB" });
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // The fake clock flows with real time until paused: pause it once the page is up, so that
    // only runFor moves it however slow the machine is.
    await page.clock.install({ time: START });
    await page.goto(demo.url);
    await until(() => page.evaluate(() => window.demoTimings?.firstValidation !== undefined));
    await page.clock.pauseAt(START + 10 * 60_000);
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  const statuses = () =>
    page.$$eval("#recipients-status tbody tr", (rows) =>
      Object.fromEntries(rows.map((row) => [row.dataset.email, row.querySelector(".status").textContent])),
    );

  test("after Send the page polls client.get and shows each answer read from the API", {
    timeout: 120_000,
  }, async () => {
    await page.click("#send");
    await until(() => page.isVisible("#sent"));
    assert.match(await page.innerText("#sent-summary"), /was sent to Cronofy \(uk\)/);
    assert.deepEqual(await statuses(), { "alex@example.com": "pending" });
    assert.equal(await page.isHidden('button[aria-label="Accept as alex@example.com"]'), true, "no simulated replies");
    const [sent] = api.seen;
    assert.deepEqual(sent, { url: API, method: "POST", auth: `Bearer ${SECRET}` });

    // The recipient answers at the API; nothing tells the page until its next poll.
    api.answers.set("alex@example.com", "accepted");
    await page.clock.runFor(POLL_MS - 100);
    assert.equal(api.seen.length, 1, "no read before the poll interval");
    await page.clock.runFor(100);
    await until(async () => (await statuses())["alex@example.com"] === "accepted");
    assert.match(await page.innerText("#reply-status"), /alex@example\.com accepted \(read from the API\)/);

    const reads = api.seen.slice(1);
    assert.ok(reads.length >= 1);
    for (const read of reads) {
      assert.equal(read.method, "GET");
      assert.equal(read.auth, `Bearer ${SECRET}`);
      const url = new URL(read.url);
      assert.equal(`${url.origin}${url.pathname}`, API);
      assert.equal(url.searchParams.get("smart_invite_id"), "board-meeting-q2");
      assert.equal(url.searchParams.get("recipient_email"), "alex@example.com");
    }

    // And again on the next poll.
    api.answers.set("alex@example.com", "declined");
    await page.clock.runFor(POLL_MS);
    await until(async () => (await statuses())["alex@example.com"] === "declined");
    assert.deepEqual(problems, []);
  });
});

/** Polls `check` from Node (the page's own timers are fake) until it gives something truthy;
 * gives up after a minute, a hang guard only. */
async function until(check) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`still false after 60 s: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
