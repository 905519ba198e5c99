// react-hook-form with @hookform/resolvers' standardSchemaResolver(inviteSchema), in Chromium:
// the recipe of docs/schema.md (the README's too), built with Vite into a page exactly as written,
// shows our message under event.start for a time in the spring-forward gap and under the second
// recipient for a bad address; corrected, the form hands over validateInvite's invite.

import assert from "node:assert/strict";
import { createReadStream, existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { build } from "vite";
import { launchChromium } from "../runtimes/lib/chromium.mjs";
import { consumerProject, importInstalled, writeRecipe } from "./lib/project.mjs";

let project;
let server;
let browser;
let validateInvite;
before(async () => {
  project = consumerProject();
  ({ validateInvite } = await importInstalled(project.dir, "gen/node.mjs"));
});
after(async () => {
  await browser?.close();
  server?.close();
  project?.cleanup();
});

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/** Serves `dir` on 127.0.0.1; resolves its URL. */
function serve(dir) {
  server = createServer((req, res) => {
    const file = normalize(join(dir, new URL(req.url, "http://x").pathname));
    if (!file.startsWith(dir) || !existsSync(file) || file.endsWith("/")) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)),
  );
}

const FORM = {
  smart_invite_id: "interview-42",
  "recipients.0.email": "ann@example.com",
  "recipients.1.email": "bob@",
  "event.summary": "Interview",
  "event.start": "2026-03-29T01:30", // the clocks go from 01:00 to 02:00 in London that night
  "event.end": "2026-03-29T03:00",
  "event.tzid": "Europe/London",
};

/** The payload react-hook-form builds from the form's fields. */
function payload(form) {
  const out = {};
  for (const [name, value] of Object.entries(form)) {
    const keys = name.split(".");
    let at = out;
    for (const [i, key] of keys.slice(0, -1).entries()) at = at[key] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
    at[keys.at(-1)] = value;
  }
  return out;
}

test("react-hook-form shows our messages under event.start and the second recipient, in Chromium", async () => {
  writeRecipe(project.dir, "docs/schema.md", "invite-form.jsx");
  writeFileSync(
    join(project.dir, "form-main.jsx"),
    `import { createRoot } from "react-dom/client";
import { InviteForm } from "./invite-form.jsx";

createRoot(document.getElementById("root")).render(
  <InviteForm onValid={(invite) => { window.validInvite = invite; }} />,
);
`,
  );
  writeFileSync(
    join(project.dir, "form.html"),
    `<!doctype html>\n<title>invite</title>\n<div id="root"></div>\n<script type="module" src="./form-main.jsx"></script>\n`,
  );
  await build({
    root: project.dir,
    base: "./",
    configFile: false,
    logLevel: "warn",
    build: { outDir: "form-dist", target: "es2022", rollupOptions: { input: join(project.dir, "form.html") } },
  });
  const url = await serve(join(project.dir, "form-dist"));

  const expected = validateInvite(payload(FORM));
  assert.equal(expected.ok, false);
  const startMessage = expected.errors["event.start"][0].description;
  const secondMessage = expected.errors["recipients[1].email"][0].description;
  assert.match(startMessage, /does not exist in Europe\/London/);

  browser = await launchChromium();
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${url}/form.html`);
  await page.waitForSelector('input[name="event.start"]', { timeout: 15_000 });
  for (const [name, value] of Object.entries(FORM)) await page.fill(`input[name="${name}"]`, value);
  await page.click('button[type="submit"]');

  const under = (name) => page.locator(`label:has(input[name="${name}"]) small`);
  await under("event.start").filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
  assert.equal(await under("event.start").textContent(), startMessage);
  assert.equal(await under("recipients.1.email").textContent(), secondMessage);
  assert.equal(await under("recipients.0.email").textContent(), "");
  assert.equal(await page.evaluate(() => window.validInvite), undefined, "an invalid form is not handed over");

  // Corrected as the message suggests: the form hands over the normalized invite.
  const fixed = { ...FORM, "event.start": "2026-03-29T02:30", "recipients.1.email": "bob@example.com" };
  await page.fill('input[name="event.start"]', fixed["event.start"]);
  await page.fill('input[name="recipients.1.email"]', fixed["recipients.1.email"]);
  await page.click('button[type="submit"]');
  await page.waitForFunction(() => window.validInvite !== undefined, null, { timeout: 15_000 });
  const handed = await page.evaluate(() => window.validInvite);
  const valid = validateInvite(payload(fixed));
  assert.ok(valid.ok, JSON.stringify(valid.errors));
  assert.deepEqual(handed, valid.invite);
  assert.equal(handed.event.start.time, "2026-03-29T01:30:00Z");
  assert.equal(await under("event.start").textContent(), "");
  assert.deepEqual(problems, []);
});
