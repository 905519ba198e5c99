// Takes the README's opening screenshot (docs/demo.png): the demo on 127.0.0.1 in headless
// Chromium, with the example invite sent to the mock and accepted, then a start time moved into
// the spring-forward gap, so the picture shows the live DST message and the reply together.
//
//   make demo-screenshot     (or: node tests/demo/readme-screenshot.mjs [out.png])

import { startDemo } from "../../www/server/demo.mjs";
import { launchChromium } from "../runtimes/lib/chromium.mjs";

const out = process.argv[2] ?? new URL("../../docs/demo.png", import.meta.url).pathname;
const demo = await startDemo({ env: {} });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ timezoneId: "Europe/London", viewport: { width: 1200, height: 1000 } });
  await page.goto(demo.url);
  await page.waitForFunction(() => window.demoTimings?.firstValidation !== undefined);
  await page.fill("#start", "2026-03-29T09:30");
  await page.fill("#end", "2026-03-29T10:00");
  await page.click("#send");
  await page.locator("#sent").waitFor({ state: "visible" });
  await page.click('button[aria-label="Accept as alex@example.com"]');
  await page.waitForFunction(() => document.querySelector(".status")?.textContent === "accepted");
  await page.fill("#start", "2026-03-29T01:30");
  await page.fill("#organizer_email", "events@acme.example");
  await page.evaluate(() => window.scrollTo(0, 0));
  // Down to the end of the form: the recipient's answer and the email's headers are in view.
  const { bottom } = await page
    .locator("#invite")
    .boundingBox()
    .then((box) => ({ bottom: box.y + box.height }));
  await page.screenshot({
    path: out,
    fullPage: true,
    clip: { x: 0, y: 0, width: 1200, height: Math.ceil(bottom) + 16 },
  });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await demo.close();
}
