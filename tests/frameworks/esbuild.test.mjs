// A Node server bundled by esbuild the way AWS CDK's NodejsFunction, SST and most Lambda setups
// do it (--bundle --platform=node, as an ES module and as CommonJS, no other flag), copied
// alone into an empty folder with no node_modules above it, and run there: the smoke suite
// must pass, the client included. The .wasm travels inside the bundle (the `#server-wasm` import of gen/node.mjs).
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkReport, exec, nodeReference, RESULTS, runHarness } from "../runtimes/lib/run.mjs";
import { bin } from "../runtimes/lib/scratch.mjs";
import { startStandInApi } from "../runtimes/lib/stand-in-api.mjs";
import { copyApp, runFolder } from "./lib/project.mjs";

const FORMATS = { esm: "server.mjs", cjs: "server.cjs" };

describe("esbuild --bundle --platform=node, run from a folder holding only the bundle", () => {
  let folder, app, api, reference;
  before(async () => {
    folder = runFolder();
    app = copyApp(folder.dir, "esbuild");
    api = await startStandInApi();
    reference = await nodeReference(folder.dir);
  });
  after(async () => {
    await api?.close();
    folder?.dispose();
  });

  for (const [format, file] of Object.entries(FORMATS)) {
    test(`--format=${format}`, async (t) => {
      // --log-level=warning only keeps esbuild's size summary out of stderr, which must be empty.
      const built = await exec(
        bin("esbuild"),
        [
          "server.mjs",
          "--bundle",
          "--platform=node",
          `--format=${format}`,
          `--outfile=dist/${file}`,
          "--log-level=warning",
        ],
        { cwd: app },
      );
      assert.equal(built.code, 0, `esbuild failed:\n${built.stderr}`);
      assert.equal(built.stderr, "", "esbuild warned");
      const deployed = mkdtempSync(join(tmpdir(), `smart-invite-${format}-bundle-`));
      try {
        cpSync(join(app, "dist", file), join(deployed, file));
        assert.deepEqual(readdirSync(deployed), [file]);
        const report = await runHarness(process.execPath, [file, `esbuild-${format}`, api.baseUrl], { cwd: deployed });
        await checkReport(t, report, { reference, api }, RESULTS.all);
      } finally {
        rmSync(deployed, { recursive: true, force: true });
      }
    });
  }
});
