// The packed tarball in a browser: a page on 127.0.0.1 imports the package as an ES module
// (an import map points the bare specifier at the installed files), awaits init() and
// validates; in each engine (Chromium, Firefox ESR and WebKitGTK, tests/lib/browsers.mjs).

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ENGINES, launchBrowser } from "../lib/browsers.mjs";
import { serveFolder } from "../lib/http.mjs";
import { packAndInstall, seed } from "./scratch.mjs";

const PAGE = `<!doctype html>
<script type="importmap">{ "imports": { "smart-invite": "/node_modules/smart-invite/gen/browser/index.mjs" } }</script>
<script type="module">
  import { init, validateInvite, normalizeInvite, SmartInviteError, timeZones, dataCenters } from "smart-invite";
  const seed = ${JSON.stringify(seed)};
  const out = {};
  try { validateInvite(seed); } catch (e) { out.beforeInit = String(e); }
  await init();
  await init(); // a second call is a no-op
  const ok = validateInvite(seed);
  out.ok = ok.ok;
  out.start = ok.invite.event.start.time;
  out.badKey = validateInvite({ smart_invite_id: "x" }).errors.recipient[0].key;
  const cyclic = {}; cyclic.self = cyclic;
  out.cyclicKey = validateInvite(cyclic).errors[""][0].key;
  try { normalizeInvite({}); } catch (e) { out.errorClass = e instanceof SmartInviteError && e instanceof Error; out.kind = e.kind; }
  out.zones = timeZones().length;
  out.centers = dataCenters().map((d) => d.id).join(",");
  window.result = out;
</script>`;

// A client secret in a page would be readable by every visitor: the constructor refuses it
// unless allowBrowser: true.
const SECRET = "CRN_browser-secret-1e9b47";
const SECRET_PAGE = `<!doctype html>
<script type="importmap">{ "imports": { "smart-invite": "/node_modules/smart-invite/gen/browser/index.mjs" } }</script>
<script type="module">
  import { init, initFull, SmartInviteClient, SmartInviteError } from "smart-invite";
  await init();
  const out = { document: typeof document, window: typeof window };
  try {
    new SmartInviteClient({ clientSecret: ${JSON.stringify(SECRET)}, allowBrowser: true });
  } catch (e) {
    out.beforeFull = { isError: e instanceof SmartInviteError, message: e.message };
  }
  await initFull();
  try {
    new SmartInviteClient({ clientSecret: ${JSON.stringify(SECRET)} });
    out.refused = false;
  } catch (e) {
    out.refused = e instanceof SmartInviteError;
    out.kind = e.kind;
    out.message = e.message;
    out.views = [String(e), JSON.stringify(e), e.stack];
  }
  out.allowed = String(new SmartInviteClient({ clientSecret: ${JSON.stringify(SECRET)}, allowBrowser: true }));
  window.result = out;
</script>`;

// What the pages fetched, as performance entries (every engine has them) and as the server saw it.
const fetched = () => performance.getEntriesByType("resource").map((entry) => entry.name);

let scratch, server, origin;
const served = [];
before(async () => {
  scratch = packAndInstall();
  writeFileSync(join(scratch.project, "index.html"), PAGE);
  writeFileSync(join(scratch.project, "secret.html"), SECRET_PAGE);
  server = await serveFolder(scratch.project, { onServe: (path) => served.push(path) });
  ({ origin } = server);
});
after(() => {
  server?.close();
  scratch?.cleanup();
});

for (const engine of ENGINES) {
  describe(engine, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser(engine);
    });
    after(() => browser?.close());

    test(`${engine}: import the package as an ES module, init(), validate`, async () => {
      served.length = 0;
      const page = await browser.open(`${origin}/index.html`);
      try {
        const result = await page.waitFor(() => window.result);
        assert.deepEqual(await page.errors(), []);
        assert.match(result.beforeInit, /./, "calling before init() fails (the module is not loaded yet)");
        assert.equal(result.ok, true);
        assert.equal(result.start, "2026-04-29T09:30:00Z");
        assert.equal(result.badKey, "errors.required");
        assert.equal(result.cyclicKey, "errors.invalid_json");
        assert.equal(result.errorClass, true);
        assert.equal(result.kind, "validation");
        assert.ok(result.zones > 500);
        assert.equal(result.centers, "us,uk,de,au,ca,sg");
        const requests = await page.evaluate(fetched);
        assert.ok(
          requests.every((u) => u.startsWith(origin)),
          `only the local server is contacted: ${requests}`,
        );
        const wasm = `/node_modules/smart-invite/gen/browser/smart_invite_bg.wasm`;
        assert.deepEqual(
          requests.filter((u) => u.endsWith(".wasm")),
          [`${origin}${wasm}`],
          "the browser build's .wasm is fetched once, the full build's never",
        );
        assert.deepEqual(
          served.filter((u) => u.endsWith(".wasm")),
          [wasm],
        );
      } finally {
        await page.close();
      }
    });

    test(`${engine}: a page's SmartInviteClient refuses a client secret unless allowBrowser: true`, async () => {
      const page = await browser.open(`${origin}/secret.html`);
      try {
        const result = await page.waitFor(() => window.result);
        assert.deepEqual(await page.errors(), []);
        assert.equal(result.document, "object", "a real page, with a document");
        assert.equal(result.beforeFull?.isError, true, "the client worked before initFull() loaded the full build");
        assert.match(
          result.beforeFull.message,
          /SmartInviteClient is not in the browser build: call `await initFull\(\)`/,
        );
        assert.equal(result.refused, true, "the secret was accepted in a page");
        assert.equal(result.kind, "invalid_options");
        assert.match(result.message, /allowBrowser: true/);
        for (const view of [result.message, ...result.views]) {
          assert.ok(!String(view).includes(SECRET), `the refusal shows the secret: ${view}`);
        }
        assert.equal(result.allowed, "SmartInviteClient(https://api.cronofy.com)");
      } finally {
        await page.close();
      }
    });
  });
}
