import { launchChromium } from "../tests/runtimes/lib/chromium.mjs";
import { startDemo } from "./server/demo.mjs";
const demo = await startDemo({ env: {} });
const browser = await launchChromium();
for (let i = 0; i < 3; i++) {
const context = await browser.newContext({ timezoneId: "Europe/London" });
const page = await context.newPage();
await page.goto(demo.url);
await page.waitForFunction(() => window.demoTimings?.firstValidation);
console.log(await page.evaluate(() => {
  const r = (x) => Math.round(x);
  const nav = performance.getEntriesByType("navigation")[0];
  const res = performance.getEntriesByType("resource").map(e => `${e.name.replace(location.origin,"")} ${r(e.startTime)}/${r(e.requestStart)}/${r(e.responseStart)}/${r(e.responseEnd)}`);
  const marks = performance.getEntriesByType("mark").map(m => `${m.name} ${r(m.startTime)}`);
  return [`nav resp ${r(nav.responseStart)}/${r(nav.responseEnd)} domInteractive ${r(nav.domInteractive)} dcl ${r(nav.domContentLoadedEventStart)}`, ...res, ...marks].join("\n");
}));
await context.close();
}
await browser.close(); await demo.close();
