// What every framework test does: one run folder with the packed package, the stand-in API,
// Node's reference results and Chromium for the whole file; then per app, a build, a server on
// 127.0.0.1, the smoke suite through the app's server routes, and its page in Chromium.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { freePort } from "../../lib/http.mjs";
import { launchChromium } from "../../runtimes/lib/chromium.mjs";
import { checkReport, nodeReference, RESULTS } from "../../runtimes/lib/run.mjs";
import { startStandInApi } from "../../runtimes/lib/stand-in-api.mjs";
import { checkPage, installedBuilds } from "./page.mjs";
import { runFolder } from "./project.mjs";

/** Registers the file-wide hooks; the returned object is filled by them. */
export function useFrameworkFixture() {
  const fixture = {};
  before(async () => {
    fixture.folder = runFolder();
    fixture.api = await startStandInApi();
    fixture.reference = await nodeReference(fixture.folder.dir);
    fixture.browser = await launchChromium();
    fixture.installed = installedBuilds(fixture.folder.dir);
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.api?.close();
    fixture.folder?.dispose();
  });
  return fixture;
}

/**
 * A suite for one built app. `build(runDir)` builds it and returns where it runs from;
 * `start(dir, port, env)` serves it (see startServer); `routes` run the whole smoke suite on
 * the server; `page` = { reports, act } is checked in Chromium (see checkPage); `more(server)`
 * adds the app's own tests.
 */
export function describeApp(title, fixture, { build, start, routes, page, more }) {
  describe(title, () => {
    const server = {};
    before(async () => {
      const dir = build(fixture.folder.dir);
      Object.assign(server, await start(dir, await freePort(), { SMART_INVITE_API: fixture.api.baseUrl }));
    });
    after(() => server.stop?.());

    for (const route of routes) {
      test(`${route} runs the smoke suite on the server`, async (t) => {
        const response = await fetch(`${server.origin}${route}`);
        assert.equal(response.status, 200, await response.clone().text());
        await checkReport(t, await response.json(), fixture, RESULTS.all);
      });
    }
    more?.(server);
    test(`the page shows ${Object.keys(page.reports).join(", ")}; it downloads the browser build, no server build`, (t) =>
      checkPage(t, fixture.browser, server.origin, { ...page, ...fixture }));
  });
}
