// The demo's main flows in Firefox ESR and WebKitGTK (tests/lib/browsers.mjs), each against its
// own demo server with its mock of the API on 127.0.0.1: the DST message under the start field,
// the fix and the normalized JSON, and a send that reaches the mock. page.test.mjs runs the
// whole page, these flows included, in Chromium.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startDemo } from "../../www/server/demo.mjs";
import { ENGINES, launchBrowser } from "../lib/browsers.mjs";

/** The issues shown under the field `name`: [{ key, text, warning }]. */
function issuesUnder(name) {
  return [...document.querySelectorAll(`[data-field="${name}"] > .issues .issue`)].map((issue) => ({
    key: issue.dataset.key,
    text: issue.innerText,
    warning: issue.classList.contains("warning"),
  }));
}

for (const engine of ENGINES.filter((e) => e !== "chromium")) {
  describe(`demo page in ${engine}`, () => {
    let demo, browser, page;

    before(async () => {
      demo = await startDemo({ env: {} });
      browser = await launchBrowser(engine, { timezone: "Europe/London" });
      page = await browser.open(demo.url);
      await page.waitFor(() => window.demoTimings?.firstValidation !== undefined);
    });

    after(async () => {
      await browser?.close();
      await demo?.close();
    });

    test(`${engine}: starts valid in the browser's own zone`, async () => {
      assert.equal(await page.evaluate(() => document.querySelector("#tzid").value), "Europe/London");
      assert.match(await page.text("#json-state"), /^Ready to send/);
    });

    test(`${engine}: a spring-forward local time shows the DST message under the start field`, async () => {
      await page.fill("#start", "2026-03-29T01:30");
      await page.fill("#end", "2026-03-29T02:30");
      await page.click("#add-recipient");
      await page.fill("#recipient-1", "sam@");

      await page.waitFor((s) => document.querySelector(s) !== null, {
        args: ['[data-field="start"] > .issues .issue'],
      });
      const [start, ...more] = await page.evaluate(issuesUnder, "start");
      assert.deepEqual(more, []);
      assert.equal(start.key, "errors.nonexistent_local_time");
      assert.match(start.text, /does not exist in Europe\/London: the clocks go forward/);
      assert.equal(await page.evaluate(() => document.querySelector("#start").getAttribute("aria-invalid")), "true");
      assert.match((await page.evaluate(issuesUnder, "recipient-1"))[0].text, /"sam@" is not a valid email address/);
      assert.match(await page.text("#json-state"), /^2 errors to fix/);
    });

    test(`${engine}: fixing it gives the normalized JSON`, async () => {
      await page.fill("#start", "2026-03-29T03:30");
      await page.fill("#end", "2026-03-29T04:30");
      await page.fill("#recipient-1", "sam@example.com");

      await page.waitFor(() => document.querySelectorAll("form .issue").length === 0);
      const invite = JSON.parse(await page.text("#json"));
      assert.deepEqual(invite.event.start, { time: "2026-03-29T02:30:00Z", tzid: "Europe/London" });
      assert.deepEqual(invite.recipients, [{ email: "alex@example.com" }, { email: "sam@example.com" }]);
      assert.match(await page.text("#json-state"), /^Ready to send/);
    });

    test(`${engine}: Send reaches the mock of the API: both recipients pending`, async () => {
      await page.click("#send");
      const statuses = await page.waitFor(() => {
        const rows = document.querySelectorAll("#recipients-status tbody tr");
        if (document.querySelector("#sent").hidden || rows.length === 0) return null;
        return Object.fromEntries(
          [...rows].map((row) => [row.dataset.email, row.querySelector(".status").textContent]),
        );
      });
      assert.deepEqual(statuses, { "alex@example.com": "pending", "sam@example.com": "pending" });
      const invites = await (await fetch(`${demo.mockUrl}/_mock/invites`)).json();
      assert.deepEqual(
        invites.map((i) => [i.smart_invite_id, i.recipients.map((r) => r.email), i.event.start]),
        [
          [
            "board-meeting-q2",
            ["alex@example.com", "sam@example.com"],
            { time: "2026-03-29T02:30:00Z", tzid: "Europe/London" },
          ],
        ],
      );
      assert.deepEqual(await page.errors(), []);
    });
  });
}
