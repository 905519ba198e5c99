// The browser half of each framework test: open a page of the built app in headless Chromium,
// wait for the smoke reports it shows (by element id), check each like a runtime's report, and
// check what the page downloaded: the browser build's .wasm, and nothing of the server build.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkReport } from "../../runtimes/lib/run.mjs";

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** Fingerprints of the builds as installed in `runDir`/node_modules/smart-invite. */
export function installedBuilds(runDir) {
  const gen = join(runDir, "node_modules", "smart-invite", "gen");
  const embedded = readFileSync(join(gen, "wasm-embedded.mjs"), "utf8");
  // The base64 of each .wasm embedded for bundles (the server build's core, the server build).
  const blobs = [...embedded.matchAll(/"([A-Za-z0-9+/=]{1000,})"/g)].map(([, blob]) => blob);
  assert.equal(blobs.length, 2, "gen/wasm-embedded.mjs embeds the core's .wasm and the server build's");
  return {
    browserWasm: sha256(readFileSync(join(gen, "browser", "smart_invite_bg.wasm"))),
    serverWasm: sha256(readFileSync(join(gen, "smart_invite_bg.wasm"))),
    // 64 characters from the middle of each, to look for in what a page downloads.
    serverEmbedded: blobs.map((blob) => blob.slice(blob.length / 2, blob.length / 2 + 64)),
  };
}

/**
 * Opens `url`, runs `act(page)` if given (clicks), waits for the element of each id of
 * `reports` ({ id: the number of results its report must hold at least }) to show a report,
 * checks each (one subtest per id), then the downloads.
 */
export async function checkPage(t, browser, url, { reports, act, installed, reference, api }) {
  const page = await browser.newPage();
  const downloads = [];
  const problems = [];
  page.on("response", (r) =>
    downloads.push(
      r.body().then(
        (body) => ({ url: r.url(), body }),
        () => null,
      ),
    ),
  );
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  try {
    await page.goto(url);
    await act?.(page);
    for (const [id, atLeast] of Object.entries(reports)) {
      await page
        .waitForFunction((id) => document.getElementById(id)?.textContent, id, { timeout: 30_000 })
        .catch((error) => assert.fail(`#${id} shows no report: ${error.message}\n${problems.join("\n")}`));
      const report = await page.locator(`#${id}`).textContent();
      await t.test(id, async (t) => {
        assert.ok(report.startsWith("{"), `not a report: ${report}\n${problems.join("\n")}`);
        await checkReport(t, JSON.parse(report), { reference, api }, atLeast);
      });
    }
    const files = (await Promise.all(downloads)).filter(Boolean);
    const wasm = files.filter((f) => f.body.subarray(0, 4).toString("latin1") === "\0asm");
    assert.deepEqual(
      [...new Set(wasm.map((f) => sha256(f.body)))],
      [installed.browserWasm],
      `the page downloaded ${wasm.map((f) => f.url).join(", ") || "no .wasm"}: it must be the browser build's alone`,
    );
    const embedded = files
      .filter((f) => installed.serverEmbedded.some((blob) => f.body.includes(blob)))
      .map((f) => f.url);
    assert.deepEqual(embedded, [], "the server build's embedded .wasm reached the page");
  } finally {
    await page.close();
  }
}
