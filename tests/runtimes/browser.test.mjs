// The smoke suite in Chromium, in a small consumer app built two ways from the packed package:
// by esbuild (the .wasm subpath imported with --loader:.wasm=file) and by Vite (which follows
// the package's own `new URL("…wasm", import.meta.url)`); then the README's two browser
// snippets, built the same ways. The stand-in API serves the built pages too, so the client's
// requests stay same-origin.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { bundlers } from "./lib/bundlers.mjs";
import { inPage, launchChromium } from "./lib/chromium.mjs";
import { checkReport, RESULTS } from "./lib/run.mjs";
import { useRuntimeFixture } from "./lib/suite.mjs";

describe("Chromium", () => {
  const fixture = useRuntimeFixture();
  let browser;
  before(async () => (browser = await launchChromium()));
  after(() => browser?.close());

  for (const [bundler, bundle] of Object.entries(bundlers)) {
    test(`${bundler} build of a consumer app`, async (t) => {
      const runtime = `chromium-${bundler}`;
      const path = await bundle(fixture.dir, `smoke/browser-${bundler}.mjs`, `dist-smoke-${bundler}`);
      const report = await inPage(
        browser,
        `${fixture.api.baseUrl}/${path}?runtime=${runtime}`,
        () => window.smokeReport,
      );
      await checkReport(t, report, fixture, RESULTS.all);
    });

    test(`README ${bundler} snippet, built and loaded`, async () => {
      const path = await bundle(fixture.dir, `snippets/${bundler}-app.js`, `dist-snippet-${bundler}`);
      const text = await inPage(browser, `${fixture.api.baseUrl}/${path}`, () => document.body.textContent);
      assert.match(text, /\bevent\b/, `the page shows no error for the missing event: ${text}`);
    });
  }
});
