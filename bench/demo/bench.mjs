// The demo page in headless Chromium, served on 127.0.0.1: the time from navigation to the
// first validation result on screen (a fresh browser context each time, then reloads that keep
// the compiled .wasm in the HTTP cache), the cost of one validation per keystroke, and the
// round trip of a simulated reply (click, the mock's signed callback to the demo server, the
// server-sent event, the status on the page) beside a plain fetch from the same page.
// Targets (issue 5): first result under 300 ms, one validation under 1 ms.
//
//   node bench/demo/bench.mjs [--runs 10] [--keys 200] [--replies 20]

import { once } from "node:events";
import http from "node:http";
import { parseArgs } from "node:util";
import { launchChromium } from "../../tests/runtimes/lib/chromium.mjs";
import { startDemo } from "../../www/server/demo.mjs";
import { stats } from "../client/stats.mjs";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    keys: { type: "string", default: "200" },
    replies: { type: "string", default: "20" },
  },
});
const RUNS = Number(args.runs);
const KEYS = Number(args.keys);
const REPLIES = Number(args.replies);
const LOOP = 2_000;

const demo = await startDemo({ env: {} });
const control = await startControl();
const browser = await launchChromium();
try {
  const cold = [];
  const warm = [];
  const blank = [];
  const blankFresh = [];
  for (let run = 0; run < RUNS; run += 1) {
    const fresh = await browser.newContext({ timezoneId: "Europe/London" });
    const freshPage = await fresh.newPage();
    await freshPage.goto(control.url);
    await freshPage.waitForFunction(() => performance.getEntriesByName("first-validation").length > 0);
    blankFresh.push(await freshPage.evaluate(() => performance.getEntriesByName("first-validation")[0].startTime));
    await fresh.close();
    const context = await browser.newContext({ timezoneId: "Europe/London" });
    const page = await context.newPage();
    await page.goto(demo.url);
    cold.push(await loadMarks(page));
    await page.reload();
    warm.push(await loadMarks(page));
    await page.goto(control.url);
    await page.waitForFunction(() => performance.getEntriesByName("first-validation").length > 0);
    blank.push(await page.evaluate(() => performance.getEntriesByName("first-validation")[0].startTime));
    await context.close();
  }

  const context = await browser.newContext({ timezoneId: "Europe/London" });
  const page = await context.newPage();
  await page.goto(demo.url);
  await loadMarks(page);
  const isolated = await page.evaluate(() => crossOriginIsolated);
  await page.evaluate(() => (window.demoTimings.validations.length = 0));
  await page.focus("#description");
  await page.keyboard.press("End");
  await page.keyboard.type(" The agenda follows. ".repeat(Math.ceil(KEYS / 21)).slice(0, KEYS));
  const keystrokes = await page.evaluate(() => window.demoTimings.validations);
  const loop = await page.evaluate(async (count) => {
    const { validateInvite } = await import("/pkg/gen/browser/index.mjs");
    const { readPayload } = await import("/form.mjs");
    const payload = readPayload(document.getElementById("invite"));
    const started = performance.now();
    for (let i = 0; i < count; i += 1) validateInvite(payload);
    return (performance.now() - started) / count;
  }, LOOP);

  // Send the invite, then time each simulated reply from the click to the status on the page.
  await page.click("#send");
  await page.locator("#sent").waitFor({ state: "visible" });
  const replies = [];
  const fetches = [];
  for (let i = 0; i < REPLIES; i += 1) {
    const answer = ["accepted", "declined"][i % 2];
    replies.push(await page.evaluate(replyRoundTrip, answer));
    fetches.push(
      await page.evaluate(async () => {
        const started = performance.now();
        await (await fetch("/api/config")).json();
        return performance.now() - started;
      }),
    );
  }
  await context.close();

  const rows = [
    ["navigation -> first validation, fresh context", stats(cold.map((m) => m.first)), "< 300 ms"],
    ["  of which: modules loaded", stats(cold.map((m) => m.modules)), ""],
    ["  of which: wasm instantiated + /api/config", stats(cold.map((m) => m.ready)), ""],
    ["navigation -> first validation, reload (cached)", stats(warm.map((m) => m.first)), "< 300 ms"],
    ["control: blank page's module script, fresh context", stats(blankFresh), ""],
    ["control: the same, in a used context", stats(blank), ""],
    [`one keystroke: validateInvite (${keystrokes.length} keys)`, stats(keystrokes.map((k) => k.validate)), "< 1 ms"],
    ["one keystroke: validateInvite + redraw", stats(keystrokes.map((k) => k.total)), ""],
    [`reply: click -> signed callback -> SSE -> page (${REPLIES})`, stats(replies), ""],
    ["  peer: fetch('/api/config') from the same page", stats(fetches), ""],
  ];
  console.log(
    `\nDemo page in headless Chromium (${await browser.version()}), ${RUNS} loads each, timers ${isolated ? "precise (cross-origin isolated)" : "coarse"}`,
  );
  console.log(
    `${"measure".padEnd(50)} ${"median".padStart(9)} ${"p90".padStart(9)} ${"min".padStart(9)} ${"max".padStart(9)}  target`,
  );
  for (const [name, s, target] of rows) {
    console.log(`${name.padEnd(50)} ${ms(s.median)} ${ms(s.p90)} ${ms(s.min)} ${ms(s.max)}  ${target}`);
  }
  console.log(`validateInvite in a loop in the page (${LOOP} calls): ${(loop * 1000).toFixed(1)} µs per call`);
  console.log(
    `first validation / blank page, fresh contexts, medians: ${(stats(cold.map((m) => m.first)).median / stats(blankFresh).median).toFixed(1)}x`,
  );
  console.log(
    `reply round trip / plain fetch, medians: ${(stats(replies).median / stats(fetches).median).toFixed(1)}x`,
  );
} finally {
  await browser.close();
  await demo.close();
  control.close();
}

/** What the machine itself costs: a page whose only module script marks at once, served the
 * same way (127.0.0.1, fresh context). */
async function startControl() {
  const pages = {
    "/": ["text/html", '<!doctype html><title>blank</title><script type="module" src="/mark.mjs"></script>'],
    "/mark.mjs": ["text/javascript", 'performance.mark("first-validation");'],
  };
  const server = http.createServer((req, res) => {
    const [type, body] = pages[req.url] ?? ["text/plain", ""];
    res.writeHead(pages[req.url] ? 200 : 404, { "Content-Type": type, "Cache-Control": "no-store" });
    res.end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Runs in the page: clicks the reply button of the first recipient and resolves with the ms
 * until its status shows `answer` (which arrives only through the signed callback's event). */
function replyRoundTrip(answer) {
  const label = { accepted: "Accept", declined: "Decline" }[answer];
  const row = document.querySelector("#recipients-status tbody tr");
  const badge = row.querySelector(".status");
  return new Promise((resolve) => {
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (badge.textContent !== answer) return;
      observer.disconnect();
      resolve(performance.now() - started);
    });
    observer.observe(badge, { childList: true, characterData: true, subtree: true });
    row.querySelector(`button[aria-label^="${label} as"]`).click();
  });
}

/** The page's performance marks, in ms since navigation began. */
async function loadMarks(page) {
  await page.waitForFunction(() => performance.getEntriesByName("first-validation").length > 0);
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0].startTime;
    return { modules: at("demo:modules"), ready: at("demo:wasm-ready"), first: at("first-validation") };
  });
}

function ms(value) {
  return `${value < 10 ? value.toFixed(3) : value.toFixed(1)} ms`.padStart(9);
}
