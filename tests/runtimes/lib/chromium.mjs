// Headless Debian Chromium driven by playwright-core (which cannot download its own browser
// here), with the flags that keep it off the closed network (see toolchain.md).
import { chromium } from "playwright-core";

/** The flags that keep headless Chromium off the closed network. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS });
}

/**
 * Opens `url` in a new page, waits until `probe` (a function run in the page) gives something
 * truthy, and returns what it gives (awaited, if a promise). Page errors join a failure.
 */
export async function inPage(browser, url, probe) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  try {
    await page.goto(url);
    await page.waitForFunction(probe, null, { timeout: 15_000 });
    return await page.evaluate(probe);
  } catch (error) {
    error.message += `\n${problems.join("\n")}`;
    throw error;
  } finally {
    await page.close();
  }
}
