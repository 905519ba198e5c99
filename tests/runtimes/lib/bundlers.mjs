// The two bundlers a consumer app is built with in the browser tests: esbuild and Vite.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { build } from "vite";
import { exec } from "./run.mjs";
import { bin } from "./scratch.mjs";

/** The esbuild flags the README shows (readme.test.mjs checks it does). */
export const ESBUILD_FLAGS = ["--bundle", "--format=esm", "--loader:.wasm=file"];

export const bundlers = {
  /** Bundles `entry` into `outdir` with an index.html; returns the page's path. */
  async esbuild(dir, entry, outdir) {
    const result = await exec(bin("esbuild"), [entry, ...ESBUILD_FLAGS, `--outdir=${outdir}`], { cwd: dir });
    assert.equal(result.code, 0, `esbuild failed:\n${result.stderr}`);
    writeFileSync(join(dir, outdir, "index.html"), page(`./${basename(entry, extname(entry))}.js`));
    return `${outdir}/index.html`;
  },
  /** Builds a page whose module script is `entry` with Vite (base "./" to serve it anywhere). */
  async vite(dir, entry, outdir) {
    writeFileSync(join(dir, `${outdir}.html`), page(`./${entry}`));
    const input = join(dir, `${outdir}.html`);
    await build({
      root: dir,
      base: "./",
      configFile: false,
      logLevel: "warn",
      build: { outDir: outdir, rollupOptions: { input } },
    });
    return `${outdir}/${outdir}.html`;
  },
};

export const page = (script) =>
  `<!doctype html>\n<title>smart-invite</title>\n<script type="module" src="${script}"></script>\n`;
