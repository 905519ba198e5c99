// A Next.js 16 App Router app with no next.config, built from the packed package with each of
// Next's bundlers (Turbopack, the default, and `next build --webpack`), served by `next start`
// on 127.0.0.1 and opened in headless Chromium: the smoke suite runs in a server component, a
// route handler and a server action (validate, callbacks, send to the stand-in API), and in a
// client component (validate, in the browser). The page must download the browser build's
// .wasm and nothing of the full build.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fixtures } from "../runtimes/lib/fixtures.mjs";
import { RESULTS } from "../runtimes/lib/run.mjs";
import { copyApp, frameworkBin, run, startServer } from "./lib/project.mjs";
import { describeApp, useFrameworkFixture } from "./lib/suite.mjs";

const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: "1" };
const BUNDLERS = { turbopack: [], webpack: ["--webpack"] };

describe("Next.js, no configuration", () => {
  const fixture = useFrameworkFixture();
  for (const [bundler, flags] of Object.entries(BUNDLERS)) {
    describeApp(`built with ${bundler}`, fixture, {
      build(runDir) {
        const dir = copyApp(runDir, "next", `next-${bundler}`);
        run(frameworkBin("next"), ["build", ...flags], dir, NEXT_ENV);
        return dir;
      },
      start: (dir, port, env) =>
        startServer(frameworkBin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
          cwd: dir,
          env: { ...NEXT_ENV, ...env },
          url: `http://127.0.0.1:${port}/api/invite`,
        }),
      routes: ["/api/smoke"],
      page: {
        reports: { "server-component": RESULTS.all, "client-component": RESULTS.core, "server-action": RESULTS.all },
        // The button works once React has hydrated the page, which the client report shows.
        async act(page) {
          await page.waitForFunction(() => document.getElementById("client-component")?.textContent);
          await page.click("#run-action");
        },
      },
      more(server) {
        test("a route handler answers a POSTed invite: 200 with the invite, 422 with the error map", async () => {
          const post = (body) => fetch(`${server.origin}/api/invite`, { method: "POST", body: JSON.stringify(body) });
          const good = await post(fixtures.seedRequest);
          assert.equal(good.status, 200);
          assert.equal((await good.json()).invite.smart_invite_id, fixtures.seedRequest.smart_invite_id);
          const bad = await post(fixtures.badRequest);
          assert.equal(bad.status, 422);
          assert.equal((await bad.json()).errors["event.summary"][0].key, "errors.required");
        });
      },
    });
  }
});
