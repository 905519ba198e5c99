// The demo page in headless Chromium against the demo server (with its mock of the API and its
// SMTP sink) on 127.0.0.1, as a newcomer would use it: a spring-forward time and its message,
// the fix and the normalized JSON, an unknown zone and its suggestion, a send to the mock, a
// signed reply reaching the page, the .ics download read by ical.js, and the delivered email.
// Screenshots go to tests/output/demo/.

import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import ICAL from "ical.js";
import { startDemo } from "../../www/server/demo.mjs";
import { launchChromium } from "../runtimes/lib/chromium.mjs";

const OUTPUT = new URL("../output/demo/", import.meta.url);
const shot = (name) => new URL(name, OUTPUT).pathname;

/** A full-page screenshot from the top (where the sticky previews sit beside the form). */
async function screenshot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot(name), fullPage: true });
}

describe("demo page", () => {
  let demo, browser, page;
  const log = [];
  const problems = [];

  before(async () => {
    await mkdir(OUTPUT, { recursive: true });
    demo = await startDemo({ env: {}, log: (line) => log.push(line) });
    browser = await launchChromium();
    const context = await browser.newContext({
      timezoneId: "Europe/London",
      locale: "en-GB",
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    await page.goto(demo.url);
    await page.waitForFunction(() => window.demoTimings?.firstValidation !== undefined);
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  const text = (selector) => page.locator(selector).innerText();
  const issues = (field) => page.locator(`[data-field="${field}"] > .issues .issue`);

  test("starts valid, in the browser's own zone, every input labelled", async () => {
    assert.equal(await page.inputValue("#tzid"), "Europe/London");
    assert.match(await text("#json-state"), /^Ready to send/);
    await page.waitForFunction(() => document.querySelectorAll("#zones option").length > 400);
    const unlabelled = await page.$$eval("input, textarea", (inputs) =>
      inputs.filter((input) => input.labels.length === 0).map((input) => input.outerHTML),
    );
    assert.deepEqual(unlabelled, []);
  });

  test("a spring-forward local time shows the DST message under the start field", async () => {
    await page.fill("#start", "2026-03-29T01:30");
    await page.fill("#end", "2026-03-29T02:30");
    await page.click("#add-recipient");
    await page.keyboard.type("sam@");
    await page.fill("#organizer_email", "events@acme.example");

    const start = issues("start");
    assert.equal(await start.count(), 1);
    assert.equal(await start.getAttribute("data-key"), "errors.nonexistent_local_time");
    assert.match(await start.innerText(), /does not exist in Europe\/London: the clocks go forward/);
    assert.equal(await page.getAttribute("#start", "aria-invalid"), "true");
    assert.equal(await page.getAttribute("[data-field=start] > .issues", "aria-live"), "polite");
    assert.match(await issues("recipient-1").innerText(), /"sam@" is not a valid email address/);
    // A warning is drawn differently from an error and is not an invalid input.
    const warning = issues("organizer_email");
    assert.match(await warning.getAttribute("class"), /\bwarning\b/);
    assert.match(await warning.innerText(), /forwarded to organizer@invite\.cronofy\.com/);
    assert.equal(await page.getAttribute("#organizer_email", "aria-invalid"), null);
    assert.match(await text("#json-state"), /^2 errors to fix/);
    assert.match(await text("#event-card"), /^The last valid version/);
    await screenshot(page, "form-errors.png");
  });

  test("fixing it gives the normalized JSON and the preview in the zone and in UTC", async () => {
    await page.fill("#start", "2026-03-29T03:30");
    await page.fill("#end", "2026-03-29T04:30");
    await page.fill("#recipient-1", "sam@example.com");
    await page.fill("#organizer_email", "");

    assert.equal(await page.locator("form .issue").count(), 0);
    const invite = JSON.parse(await text("#json"));
    assert.deepEqual(invite.event.start, { time: "2026-03-29T02:30:00Z", tzid: "Europe/London" });
    assert.deepEqual(invite.recipients, [{ email: "alex@example.com" }, { email: "sam@example.com" }]);
    assert.match(await text("#event-card"), /^Board meeting\n/);
    assert.match(await text("#preview-zone"), /03:30.*04:30 BST/);
    assert.match(await text("#preview-utc"), /02:30.*03:30 UTC/);
  });

  test("an unknown zone shows the suggestion, which applies from the keyboard", async () => {
    await page.fill("#tzid", "Europe/Londn");
    const message = issues("tzid");
    assert.equal(await message.getAttribute("data-key"), "errors.unknown_time_zone");
    assert.match(await message.innerText(), /Did you mean "Europe\/London"\?/);
    await page.focus("text=Use Europe/London");
    await page.keyboard.press("Enter");
    assert.equal(await page.inputValue("#tzid"), "Europe/London");
    assert.match(await text("#json-state"), /^Ready to send/);
  });

  test("the all-day switch turns start and end into dates", async () => {
    await page.focus("#all_day");
    await page.keyboard.press("Space");
    assert.equal(await page.getAttribute("#start", "type"), "date");
    assert.deepEqual(JSON.parse(await text("#json")).event.end, { time: "2026-03-30", tzid: "Europe/London" });
    await page.keyboard.press("Space");
    await page.fill("#start", "2026-03-29T03:30");
    await page.fill("#end", "2026-03-29T04:30");
    assert.equal(await page.getAttribute("#start", "type"), "datetime-local");
  });

  test("Send (Enter in a field) reaches the mock: both recipients pending, email delivered", async () => {
    await page.focus("#summary");
    await page.keyboard.press("Enter");
    await page.locator("#sent").waitFor({ state: "visible" });
    assert.deepEqual(await statuses(page), { "alex@example.com": "pending", "sam@example.com": "pending" });
    assert.equal(await page.evaluate(() => document.activeElement.id), "sent", "the focus moves to the result");

    const invites = await (await fetch(`${demo.mockUrl}/_mock/invites`)).json();
    assert.deepEqual(
      invites.map((i) => [i.smart_invite_id, i.recipients.map((r) => r.email)]),
      [["board-meeting-q2", ["alex@example.com", "sam@example.com"]]],
    );

    const email = await text("#email-body");
    assert.match(email, /invites@smart-invite\.test → alex@example\.com, sam@example\.com/);
    assert.match(email, /text\/calendar method=REQUEST/);
    assert.match(email, /application\/ics method=REQUEST\s+base64\s+attachment \(invite\.ics\)/);
    assert.match(email, /SUMMARY:Board meeting/);
  });

  // How long the round trip takes is measured by `make bench-demo`; the 30 s wait here is a
  // hang guard only.
  test("simulated replies reach the page from the signed callback", async () => {
    await page.focus('button[aria-label="Accept as alex@example.com"]');
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => document.querySelector('tr[data-email="alex@example.com"] .status')?.textContent === "accepted",
      null,
      { timeout: 30_000 },
    );
    await page.click('button[aria-label="Decline as sam@example.com"]');
    await page.waitForFunction(
      () => document.querySelector('tr[data-email="sam@example.com"] .status')?.textContent === "declined",
      null,
      { timeout: 30_000 },
    );
    assert.ok(log.includes("callback: alex@example.com accepted (board-meeting-q2)"), log.join("\n"));
    assert.match(await text("#reply-status"), /signed callback verified/);
  });

  test("a callback with a wrong signature is refused and changes nothing", async () => {
    const body = JSON.stringify({
      notification: { type: "smart_invite" },
      smart_invite: {
        smart_invite_id: "board-meeting-q2",
        recipient: { email: "alex@example.com", status: "declined" },
      },
    });
    const answer = await fetch(`${demo.url}/callbacks`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Cronofy-HMAC-SHA256": "bm90IHRoZSBzaWduYXR1cmU=" },
      body,
    });
    assert.equal(answer.status, 401);
    await page.waitForTimeout(100);
    assert.equal((await statuses(page))["alex@example.com"], "accepted");
  });

  test("the .ics download parses with ical.js and carries the replies", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#ics-download")]);
    assert.equal(download.suggestedFilename(), "invite.ics");
    const calendar = new ICAL.Component(ICAL.parse(await readFile(await download.path(), "utf8")));
    const event = calendar.getFirstSubcomponent("vevent");
    assert.equal(calendar.getFirstPropertyValue("method"), "REQUEST");
    assert.equal(event.getFirstPropertyValue("summary"), "Board meeting");
    assert.equal(event.getFirstPropertyValue("dtstart").toString(), "2026-03-29T02:30:00Z");
    const answers = Object.fromEntries(
      event
        .getAllProperties("attendee")
        .map((p) => [p.getFirstValue().replace(/^mailto:/i, ""), p.getParameter("partstat")]),
    );
    assert.deepEqual(answers, { "alex@example.com": "ACCEPTED", "sam@example.com": "DECLINED" });
    await screenshot(page, "sent.png");
  });

  test("readable at a phone's width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const { overflow, widest } = await page.evaluate(() => {
      const wide = [...document.querySelectorAll("body *")].filter(
        (e) => e.getBoundingClientRect().right > window.innerWidth,
      );
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        widest: wide.slice(-3).map((e) => e.outerHTML.slice(0, 120)),
      };
    });
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone: ${widest.join("\n")}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot("phone.png") });
    assert.deepEqual(problems, []);
  });
});

async function statuses(page) {
  return page.$$eval("#recipients-status tbody tr", (rows) =>
    Object.fromEntries(rows.map((row) => [row.dataset.email, row.querySelector(".status").textContent])),
  );
}
