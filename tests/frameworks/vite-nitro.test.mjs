// Frameworks built on Vite and Nitro, each app with its framework's defaults and nothing about
// smart-invite in its configuration, built from the packed package, served on 127.0.0.1 and
// opened in headless Chromium:
//  - SvelteKit (Vite, adapter-node): a server load and an endpoint run the smoke suite; the page
//    runs its core with the browser build;
//  - Nuxt (Vite and Nitro): Vue's server render and a Nitro API route run the smoke suite; the
//    page runs its core. Nitro's output (.output/) is meant to run alone: it is copied to an
//    empty folder with no node_modules above it and served from there, so the files Nitro
//    traced are the ones Node loads.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe } from "node:test";
import { RESULTS } from "../runtimes/lib/run.mjs";
import { copyApp, frameworkBin, run, startServer } from "./lib/project.mjs";
import { describeApp, useFrameworkFixture } from "./lib/suite.mjs";

describe("Vite and Nitro frameworks, no configuration for smart-invite", () => {
  const fixture = useFrameworkFixture();

  describeApp("SvelteKit (adapter-node)", fixture, {
    build(runDir) {
      const dir = copyApp(runDir, "sveltekit");
      run(frameworkBin("vite"), ["build"], dir);
      return dir;
    },
    start: (dir, port, env) =>
      startServer(process.execPath, ["build/index.js"], {
        cwd: dir,
        env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
        url: `http://127.0.0.1:${port}/`,
      }),
    routes: ["/api/smoke"],
    page: { reports: { "server-load": RESULTS.all, "client-component": RESULTS.core } },
  });

  describeApp("Nuxt (Nitro's node-server output, run from an empty folder)", fixture, {
    build(runDir) {
      const dir = copyApp(runDir, "nuxt");
      run(frameworkBin("nuxt"), ["build"], dir, { NUXT_TELEMETRY_DISABLED: "1" });
      const deployed = mkdtempSync(join(tmpdir(), "smart-invite-nuxt-output-"));
      cpSync(join(dir, ".output"), deployed, { recursive: true });
      return deployed;
    },
    async start(dir, port, env) {
      const server = await startServer(process.execPath, ["server/index.mjs"], {
        cwd: dir,
        env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
        url: `http://127.0.0.1:${port}/api/smoke`,
      });
      return { ...server, stop: () => server.stop().finally(() => rmSync(dir, { recursive: true, force: true })) };
    },
    routes: ["/api/smoke"],
    page: { reports: { "server-render": RESULTS.all, "client-component": RESULTS.core } },
  });
});
