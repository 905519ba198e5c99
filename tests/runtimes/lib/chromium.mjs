// Headless Debian Chromium driven by playwright-core (which cannot download its own browser
// here), with the flags that keep it off the closed network (see toolchain.md).
import { chromium } from "playwright-core";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: FLAGS });
}

/** Opens `url` in a new page and resolves `window[name]` once the page set it (awaits a promise). */
export async function pageGlobal(browser, url, name) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  try {
    await page.goto(url);
    await page.waitForFunction((n) => window[n] !== undefined, name, { timeout: 15_000 });
    return await page.evaluate((n) => window[n], name);
  } catch (error) {
    error.message += `\n${problems.join("\n")}`;
    throw error;
  } finally {
    await page.close();
  }
}
