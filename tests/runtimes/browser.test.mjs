// The smoke suite in Chromium, in a small consumer app built two ways from the packed package:
// by esbuild (the .wasm subpath imported with --loader:.wasm=file) and by Vite (which follows
// the package's own `new URL("…wasm", import.meta.url)`). The stand-in API serves the built
// pages too, so the client's requests stay same-origin.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { build } from "vite";
import { launchChromium, pageGlobal } from "./lib/chromium.mjs";
import { checkReport, exec, nodeReference } from "./lib/run.mjs";
import { bin, scratchProject } from "./lib/scratch.mjs";
import { startStandInApi } from "./lib/stand-in-api.mjs";
import assert from "node:assert/strict";

const builds = {
  async esbuild(dir) {
    const args = ["smoke/browser-esbuild.mjs", "--bundle", "--format=esm", "--loader:.wasm=file", "--outdir=dist-esbuild"];
    const result = await exec(bin("esbuild"), args, { cwd: dir });
    assert.equal(result.code, 0, `esbuild failed:\n${result.stderr}`);
    writeFileSync(join(dir, "dist-esbuild", "index.html"), page("./browser-esbuild.js"));
    return "dist-esbuild/index.html";
  },
  async vite(dir) {
    writeFileSync(join(dir, "vite-smoke.html"), page("./smoke/browser-vite.mjs"));
    await build({
      root: dir,
      base: "./",
      configFile: false,
      logLevel: "warn",
      build: { outDir: "dist-vite", rollupOptions: { input: join(dir, "vite-smoke.html") } },
    });
    return "dist-vite/vite-smoke.html";
  },
};

const page = (script) => `<!doctype html>\n<title>smart-invite smoke</title>\n<script type="module" src="${script}"></script>\n`;

describe("Chromium", () => {
  let scratch, api, reference, browser;
  before(async () => {
    scratch = scratchProject();
    api = await startStandInApi({ staticDir: scratch.dir });
    reference = await nodeReference(scratch.dir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await api?.close();
    scratch?.dispose();
  });

  for (const [bundler, buildApp] of Object.entries(builds)) {
    test(`${bundler} build of a consumer app`, async (t) => {
      const runtime = `chromium-${bundler}`;
      const path = await buildApp(scratch.dir);
      const report = await pageGlobal(browser, `${api.baseUrl}/${path}?runtime=${runtime}`, "smokeReport");
      await checkReport(t, report, { reference, api });
    });
  }
});
