// react-hook-form with @hookform/resolvers' standardSchemaResolver(inviteSchema), in Chromium,
// Firefox ESR and WebKitGTK (tests/lib/browsers.mjs): the recipe of docs/schema.md (the README's
// too), built with Vite once into a page exactly as written,
// shows our message under event.start for a time in the spring-forward gap and under the second
// recipient for a bad address; corrected, the form hands over validateInvite's invite.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { build } from "vite";
import { ENGINES, launchBrowser } from "../lib/browsers.mjs";
import { serveFolder } from "../lib/http.mjs";
import { consumerProject, importInstalled, writeRecipe } from "./lib/project.mjs";

let project;
let server;
let url;
let validateInvite;
before(async () => {
  project = consumerProject();
  ({ validateInvite } = await importInstalled(project.dir, "gen/node.mjs"));
  url = await buildForm();
});
after(async () => {
  server?.close();
  project?.cleanup();
});

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

/** The recipe's form built with Vite into a page, served on 127.0.0.1; resolves the page's URL. */
async function buildForm() {
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
  server = await serveFolder(join(project.dir, "form-dist"));
  return `${server.origin}/form.html`;
}

for (const engine of ENGINES) {
  test(`react-hook-form shows our messages under event.start and the second recipient, in ${engine}`, async () => {
    const expected = validateInvite(payload(FORM));
    assert.equal(expected.ok, false);
    const startMessage = expected.errors["event.start"][0].description;
    const secondMessage = expected.errors["recipients[1].email"][0].description;
    assert.match(startMessage, /does not exist in Europe\/London/);

    const browser = await launchBrowser(engine);
    try {
      const page = await browser.open(url);
      await page.waitFor(() => document.querySelector('input[name="event.start"]') !== null);
      for (const [name, value] of Object.entries(FORM)) await page.fill(`input[name="${name}"]`, value);
      await page.click('button[type="submit"]');

      const under = (name) => document.querySelector(`label:has(input[name="${name}"]) small`).textContent;
      await page.waitFor(() => document.querySelector('label:has(input[name="event.start"]) small').textContent !== "");
      assert.equal(await page.evaluate(under, "event.start"), startMessage);
      assert.equal(await page.evaluate(under, "recipients.1.email"), secondMessage);
      assert.equal(await page.evaluate(under, "recipients.0.email"), "");
      assert.equal(await page.evaluate(() => window.validInvite ?? null), null, "an invalid form is not handed over");

      // Corrected as the message suggests: the form hands over the normalized invite.
      const fixed = { ...FORM, "event.start": "2026-03-29T02:30", "recipients.1.email": "bob@example.com" };
      await page.fill('input[name="event.start"]', fixed["event.start"]);
      await page.fill('input[name="recipients.1.email"]', fixed["recipients.1.email"]);
      await page.click('button[type="submit"]');
      const handed = await page.waitFor(() => window.validInvite ?? null);
      const valid = validateInvite(payload(fixed));
      assert.ok(valid.ok, JSON.stringify(valid.errors));
      assert.deepEqual(handed, valid.invite);
      assert.equal(handed.event.start.time, "2026-03-29T01:30:00Z");
      assert.equal(await page.evaluate(under, "event.start"), "");
      assert.deepEqual(await page.errors(), []);
    } finally {
      await browser.close();
    }
  });
}
