// One way for a test to drive the three browser engines, each headless and off the network:
// Chromium (Debian's, through playwright-core), Firefox ESR (puppeteer-core over WebDriver BiDi)
// and WebKitGTK (its MiniBrowser, through WebKitWebDriver on a private Xvfb display, spoken to
// over WebDriver classic with fetch). A test loops over ENGINES:
//
//   const browser = await launchBrowser(engine, { timezone: "Europe/London" });
//   try {
//     const page = await browser.open(url);
//     await page.waitFor(() => window.result);
//     await page.fill("#start", "2026-03-29T01:30");
//     await page.click("#send");
//     await page.text("#json");
//   } finally {
//     await browser.close();
//   }
//
// `evaluate` and `waitFor` take a function run in the page; it must be self-contained (it is sent
// as source text) and return JSON. Every engine records page errors with error and
// unhandledrejection listeners, from the first script on where the driver runs init scripts
// (Chromium, Firefox); WebKit's driver does not, so there `errors()` sees those after load only.
//
// WebKit gets an Xvfb of its own, started with -displayfd (it picks a free display and says
// which), rather than `xvfb-run -a`: two test files starting at once can race for one display
// under xvfb-run, and ending xvfb-run leaves its children running.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../runtimes/lib/chromium.mjs";
import { freePort } from "./http.mjs";

export const ENGINES = ["chromium", "firefox", "webkit"];

/** A wait only a hang exceeds. */
const HANG_MS = 30_000;

const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/**
 * Preferences that keep Firefox off the closed network, beside those puppeteer sets for every
 * automated Firefox (updates, telemetry, safe browsing, remote settings, captive portal).
 */
const FIREFOX_PREFS = {
  "app.normandy.enabled": false,
  "browser.region.network.url": "",
  "browser.search.geoSpecificDefaults": false,
  "browser.newtabpage.enabled": false,
  "browser.startup.page": 0,
  "datareporting.policy.dataSubmissionEnabled": false,
  "extensions.getAddons.cache.enabled": false,
  "geo.provider.network.url": "",
  "media.gmp-manager.url": "",
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.dns.disablePrefetch": true,
  "network.http.speculative-parallel-limit": 0,
  "network.prefetch-next": false,
  "network.trr.mode": 5,
  "toolkit.telemetry.enabled": false,
};

/** Records uncaught errors and rejections in window.__pageErrors (run before the page's scripts). */
function recordErrors() {
  if (window.__pageErrors) return;
  window.__pageErrors = [];
  window.addEventListener("error", (e) => window.__pageErrors.push(`page error: ${e.message}`));
  window.addEventListener("unhandledrejection", (e) => window.__pageErrors.push(`unhandled rejection: ${e.reason}`));
}

/**
 * Starts `engine` ("chromium", "firefox" or "webkit"). `timezone` is the zone the page sees.
 * Resolves { engine, open(url), close() }; open() resolves a Page (below).
 */
export async function launchBrowser(engine, { timezone } = {}) {
  if (engine === "chromium") return chromiumBrowser(timezone);
  if (engine === "firefox") return firefoxBrowser(timezone);
  if (engine === "webkit") return webkitBrowser(timezone);
  throw new Error(`unknown engine ${engine}: one of ${ENGINES.join(", ")}`);
}

/**
 * What every engine's page offers, built on its `run(source, args)` (evaluate a function's
 * source with JSON arguments, awaiting a promise) and its own fill/click.
 */
function page(engine, { run, fill, click, close }) {
  const evaluate = (fn, ...args) => run(String(fn), args);
  return {
    engine,
    evaluate,
    /** Polls `fn` in the page until it gives something truthy; resolves that. */
    async waitFor(fn, { timeout = HANG_MS, args = [] } = {}) {
      const until = Date.now() + timeout;
      let last;
      for (;;) {
        try {
          last = await evaluate(fn, ...args);
          if (last) return last;
        } catch (error) {
          // The page may be navigating; a lasting failure shows in the timeout message.
          last = error;
        }
        if (Date.now() > until) throw new Error(`${engine}: still false after ${timeout} ms: ${fn}\nlast: ${last}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** The rendered text of the first element matching `selector`, or null. */
    text: (selector) => evaluate((s) => document.querySelector(s)?.innerText ?? null, selector),
    /** Gives the input `selector` the value `value` the way a person would (typed, or picked). */
    fill,
    click,
    /** Uncaught errors and rejections seen in the page so far. */
    errors: () => evaluate(() => window.__pageErrors ?? []),
    close,
  };
}

// An expression calling a function's source with JSON arguments: evaluated by the driver itself,
// so a page's Content-Security-Policy (no eval) does not refuse it.
const call = (source, args) => `(${source})(...${JSON.stringify(args)})`;

// Sets an input's value through the native setter and dispatches input and change, as a picker
// does: what frameworks (React included) listen to. For inputs a driver cannot type into.
function setValue(selector, value) {
  const input = document.querySelector(selector);
  if (!input) throw new Error(`no element matches ${selector}`);
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), "value").set;
  setter.call(input, value);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

async function chromiumBrowser(timezone) {
  const browser = await launchChromium();
  return {
    engine: "chromium",
    async open(url) {
      const context = await browser.newContext(timezone ? { timezoneId: timezone } : {});
      await context.addInitScript(recordErrors);
      const p = await context.newPage();
      await p.goto(url);
      return page("chromium", {
        run: (source, args) => p.evaluate(call(source, args)),
        fill: (selector, value) => p.fill(selector, value),
        click: (selector) => p.click(selector),
        close: () => context.close(),
      });
    },
    close: () => browser.close(),
  };
}

async function firefoxBrowser(timezone) {
  const { default: puppeteer } = await import("puppeteer-core");
  const profile = mkdtempSync(join(tmpdir(), "smart-invite-firefox-"));
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: FIREFOX_PREFS,
    // Lets the stock (release) Firefox take puppeteer's local remote-settings server, which it
    // otherwise ignores for its own on the network.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: "1", ...(timezone ? { TZ: timezone } : {}) },
  });
  return {
    engine: "firefox",
    async open(url) {
      const p = await browser.newPage();
      await p.evaluateOnNewDocument(recordErrors);
      await p.goto(url);
      return page("firefox", {
        run: (source, args) => p.evaluate(call(source, args)),
        fill: (selector, value) => p.locator(selector).fill(value),
        click: (selector) => p.locator(selector).click(),
        close: () => p.close(),
      });
    },
    async close() {
      try {
        await browser.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

/** Starts Xvfb on the first free display (it picks and reports it); resolves { display, stop }. */
function startXvfb() {
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  xvfb.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let out = "";
    xvfb.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve({ display: `:${out.trim()}`, stop: () => xvfb.kill() });
    });
    xvfb.on("error", reject);
    xvfb.on("exit", (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr}`)));
  });
}

/** A WebDriver classic command to `base`; resolves its value or throws its error. */
async function webdriver(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const { value } = await response.json();
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
  return value;
}

/** Starts WebKitWebDriver on a free port of 127.0.0.1 and waits until it answers. */
async function startWebKitDriver(display, timezone) {
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`, "--host=127.0.0.1"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, DISPLAY: display, ...(timezone ? { TZ: timezone } : {}) },
  });
  let stderr = "";
  driver.stderr.on("data", (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + HANG_MS;
  for (;;) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}: ${stderr}`);
    try {
      await webdriver(base, "GET", "/status");
      return { base, stop: () => driver.kill() };
    } catch (error) {
      if (Date.now() > until) {
        driver.kill();
        throw new Error(`WebKitWebDriver did not answer on ${base}: ${error.message}\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function webkitBrowser(timezone) {
  const xvfb = await startXvfb();
  let driver;
  let session;
  const stop = async () => {
    try {
      // The driver takes one session at a time: one left open refuses the next.
      if (session) await webdriver(driver.base, "DELETE", `/session/${session}`);
    } finally {
      driver?.stop();
      xvfb.stop();
    }
  };
  try {
    driver = await startWebKitDriver(xvfb.display, timezone);
    ({ sessionId: session } = await webdriver(driver.base, "POST", "/session", {
      capabilities: {
        alwaysMatch: {
          browserName: "MiniBrowser",
          "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
        },
      },
    }));
  } catch (error) {
    await stop();
    throw error;
  }
  const command = (method, path, body) => webdriver(driver.base, method, `/session/${session}${path}`, body);
  const run = (source, args) =>
    command("POST", "/execute/async", {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${source})(...arguments[0])).then(
          (value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`,
      args: [args],
    }).then((out) => {
      if (out?.error !== undefined) throw new Error(`webkit: ${out.error}`);
      return out?.value;
    });
  const element = async (selector) => {
    const found = await command("POST", "/element", { using: "css selector", value: selector });
    return Object.values(found)[0];
  };
  return {
    engine: "webkit",
    // One window per session: open() navigates it.
    async open(url) {
      await command("POST", "/timeouts", { script: HANG_MS });
      await command("POST", "/url", { url });
      await run(String(recordErrors), []);
      return page("webkit", {
        run,
        async fill(selector, value) {
          const type = await run(
            String((s) => document.querySelector(s)?.type),
            [selector],
          );
          // Send keys leaves a date or time input empty here: set it as a picker would.
          if (/^(date|datetime-local|time|month|week)$/.test(type) || value === "") {
            return run(String(setValue), [selector, value]);
          }
          await run(String(setValue), [selector, ""]);
          await command("POST", `/element/${await element(selector)}/value`, { text: value });
        },
        click: async (selector) => command("POST", `/element/${await element(selector)}/click`, {}),
        close: () => command("POST", "/url", { url: "about:blank" }),
      });
    },
    close: stop,
  };
}
