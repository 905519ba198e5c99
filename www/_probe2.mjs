import { chromium } from "playwright-core";
import { startDemo } from "./server/demo.mjs";
const demo = await startDemo({});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"] });
for (let i = 0; i < 4; i++) {
const page = await browser.newPage({ timezoneId: "Europe/London" });
page.on("console", (m) => console.log("console", m.type(), m.text(), JSON.stringify(m.location())));
await page.goto(demo.url);
await page.waitForFunction(() => window.demoTimings?.firstValidation);
console.log(await page.evaluate(() => JSON.stringify({t: window.demoTimings, r: performance.getEntriesByType("resource").map(e => [e.name.replace(location.origin,""), Math.round(e.startTime), Math.round(e.responseEnd)]), nav: performance.getEntriesByType("navigation").map(e=>[e.responseEnd, e.domContentLoadedEventEnd])})));
await page.close();
}
await browser.close(); await demo.close();
