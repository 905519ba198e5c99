// smart-invite in a page's Web Worker, from the packed tarball: the worker module of
// docs/runtimes.md ("In a Web Worker"), exactly as written, bundled by webpack with
// `target: "webworker"` (which adds the `worker` export condition, as rspack does) and by Vite
// (`new Worker(new URL("./invite-worker.js", import.meta.url), { type: "module" })`). Each build
// must take the browser build (gen/browser/index.mjs, never lib/workerd.mjs, which imports its
// .wasm as a module), and in Chromium, Firefox ESR and WebKitGTK the worker fetches the browser
// build's .wasm, awaits init() and answers a start in the spring-forward gap with our message.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { build } from "vite";
import webpack from "webpack";
import { ENGINES, launchBrowser } from "../lib/browsers.mjs";
import { serveFolder } from "../lib/http.mjs";
import { consumerProject, importInstalled, writeRecipe } from "./lib/project.mjs";

/** A form's payload with its start in the gap: London's clocks go from 01:00 to 02:00 that night. */
const INVITE = {
  smart_invite_id: "worker-42",
  recipients: [{ email: "ann@example.com" }],
  event: { summary: "Interview", start: "2026-03-29T01:30", end: "2026-03-29T03:00", tzid: "Europe/London" },
};

/** The page's script: starts the worker `create` gives, posts INVITE, keeps the answer in window.result. */
const page = (create) => `const worker = ${create};
worker.onmessage = ({ data }) => { window.result = { answer: data }; };
worker.onerror = (event) => { window.result = { error: event.message || "the worker failed to load" }; };
worker.postMessage(${JSON.stringify(INVITE)});
`;

let project, dir, server, origin, expected, browserWasm;
/** Every path the server answered, and the SHA-256 of each .wasm it sent. */
const served = [];
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** webpack, target "webworker", production mode; resolves the files the build read. */
function webpackBuild() {
  const compiler = webpack({
    mode: "production",
    target: "webworker",
    context: dir,
    entry: "./invite-worker.js",
    output: { path: join(dir, "webpack-dist"), filename: "worker.js" },
    performance: { hints: false },
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => {});
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve([...stats.compilation.fileDependencies]);
    }),
  );
}

/** Vite, with its worker in ES module format; resolves the files the worker's build loaded. */
async function viteBuild() {
  const loaded = [];
  await build({
    root: dir,
    base: "./",
    configFile: false,
    logLevel: "warn",
    worker: { format: "es", plugins: () => [{ name: "record-loads", load: (id) => void loaded.push(id) }] },
    build: { outDir: "vite-dist", target: "es2022" },
  });
  return loaded;
}

before(async () => {
  project = consumerProject();
  dir = join(project.dir, "workers");
  mkdirSync(dir, { recursive: true });
  const { validateInvite } = await importInstalled(project.dir, "gen/node.mjs");
  expected = validateInvite(INVITE);
  browserWasm = sha256(readFileSync(join(project.dir, "node_modules/smart-invite/gen/browser/smart_invite_bg.wasm")));
  writeRecipe(dir, "docs/runtimes.md", "invite-worker.js");
  writeFileSync(
    join(dir, "main.js"),
    page(`new Worker(new URL("./invite-worker.js", import.meta.url), { type: "module" })`),
  );
  writeFileSync(join(dir, "index.html"), `<!doctype html>\n<script type="module" src="./main.js"></script>\n`);

  server = await serveFolder(dir, {
    onServe: (path, body) => served.push({ path, sha256: extname(path) === ".wasm" ? sha256(body) : undefined }),
  });
  ({ origin } = server);
});
after(() => {
  server?.close();
  project?.cleanup();
});

const isBrowserBuild = (file) => /node_modules\/smart-invite\/gen\/browser\/index\.mjs$/.test(file);
/** Another runtime's entry: workerd's, Deno's or Node's (ESM or CommonJS). */
const isOtherEntry = (file) =>
  /node_modules\/smart-invite\/(lib\/(workerd|deno|node)\.mjs|gen\/node\.mjs|gen\/cjs\/gen\/node\.cjs)$/.test(file);

test('webpack, target "webworker": the worker bundle takes the browser build', async () => {
  const read = await webpackBuild();
  assert.ok(read.some(isBrowserBuild), `gen/browser/index.mjs is not in the bundle:\n${read.join("\n")}`);
  assert.deepEqual(read.filter(isOtherEntry), [], "the bundle took another runtime's entry");
  writeFileSync(
    join(dir, "webpack-dist", "index.html"),
    `<!doctype html>\n<script>\n${page(`new Worker("./worker.js")`)}</script>\n`,
  );
});

test("Vite: the module worker takes the browser build", async () => {
  const loaded = await viteBuild();
  assert.ok(loaded.some(isBrowserBuild), `gen/browser/index.mjs is not in the worker:\n${loaded.join("\n")}`);
  assert.deepEqual(loaded.filter(isOtherEntry), [], "the worker took another runtime's entry");
});

for (const engine of ENGINES) {
  describe(`Web Workers in ${engine}`, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser(engine);
    });
    after(() => browser?.close());

    for (const bundler of ["webpack", "vite"]) {
      test(`${engine}: the ${bundler} worker loads the browser build's .wasm and validates`, async () => {
        assert.ok(existsSync(join(dir, `${bundler}-dist`, "index.html")), `the ${bundler} build failed`);
        served.length = 0;
        const tab = await browser.open(`${origin}/${bundler}-dist/index.html`);
        try {
          const { answer, error } = await tab.waitFor(() => window.result ?? null);
          assert.equal(error, undefined, error);
          assert.deepEqual(answer, expected);
          assert.match(answer.errors["event.start"][0].description, /does not exist in Europe\/London/);
          const wasm = served.filter((s) => s.sha256);
          assert.equal(wasm.length, 1, `one .wasm fetched: ${JSON.stringify(served)}`);
          assert.equal(wasm[0].sha256, browserWasm, `${wasm[0].path} is not the browser build's .wasm`);
          assert.deepEqual(await tab.errors(), []);
        } finally {
          await tab.close();
        }
      });
    }
  });
}
