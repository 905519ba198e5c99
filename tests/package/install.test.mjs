// The packed tarball used as a user would: Node ESM import, Node CJS require (with require(esm)
// turned off, as on Node 20.18), TypeScript --strict over the shipped types, and the files list.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { packAndInstall, root, runNode, seed, tsc } from "./scratch.mjs";

let scratch;
before(() => {
  scratch = packAndInstall();
});
after(() => scratch?.cleanup());

const CHECKS = `
  const seed = ${JSON.stringify(seed)};
  const ok = validateInvite(seed);
  if (!ok.ok || ok.invite.event.start.time !== "2026-04-29T09:30:00Z") throw new Error("seed: " + JSON.stringify(ok));
  const fromText = validateInvite(JSON.stringify(seed), { dataCenter: "uk" });
  if (!fromText.ok || !JSON.stringify(fromText.warnings).includes("invite-uk")) throw new Error("text + dataCenter");
  const bad = validateInvite({ smart_invite_id: "x" });
  if (bad.ok || bad.errors.recipient[0].key !== "errors.required") throw new Error("bad: " + JSON.stringify(bad));
  let thrown;
  try { normalizeInvite({}); } catch (e) { thrown = e; }
  if (!(thrown instanceof SmartInviteError) || !(thrown instanceof Error) || thrown.kind !== "validation"
      || thrown.errors.smart_invite_id[0].key !== "errors.required") throw new Error("normalize: " + thrown);
  if (JSON.stringify(normalizeInvite(seed)) !== JSON.stringify(ok.invite)) throw new Error("normalize output");
  if (!timeZones().includes("Europe/London") || dataCenters()[0].id !== "us") throw new Error("zones, centers");
  if (suggestTimeZones("Europe/Lodnon")[0] !== "Europe/London") throw new Error("suggest");
  init().then(() => console.log("ok"));
`;

test("Node ESM: import without init()", () => {
  const r = runNode(
    scratch.project,
    "esm.mjs",
    `
    import { validateInvite, normalizeInvite, SmartInviteError, timeZones, suggestTimeZones, dataCenters, init } from "smart-invite";
    ${CHECKS}`,
  );
  assert.equal(r.stderr, "");
  assert.equal(r.stdout.trim(), "ok");
});

test("Node CJS: require, with require(esm) disabled as on Node 20.18", () => {
  const source = `
    const { validateInvite, normalizeInvite, SmartInviteError, timeZones, suggestTimeZones, dataCenters, init } = require("smart-invite");
    ${CHECKS}`;
  const r = runNode(scratch.project, "cjs.cjs", source, ["--no-experimental-require-module"]);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout.trim(), "ok");
  // The same flag makes require() of an ESM file fail, so the CJS entry is really not ESM.
  const esm = runNode(scratch.project, "esm-probe.cjs", `require("./esm.mjs")`, ["--no-experimental-require-module"]);
  assert.match(esm.stderr, /ERR_REQUIRE_ESM/);
});

test("the tarball holds the entries, the glue, the three builds' .wasm, the types; the ./wasm subpath resolves", () => {
  for (const file of [
    "package.json",
    "index.d.ts",
    "types/core.d.ts",
    "lib/node.mjs",
    "lib/server.mjs",
    "lib/server-full.mjs",
    "lib/node.cjs",
    "lib/browser.mjs",
    "lib/deno.mjs",
    "lib/workerd.mjs",
    "lib/error.mjs",
    "lib/wasm-file.mjs",
    "gen/smart_invite.js",
    "gen/smart_invite.cjs",
    "gen/smart_invite_bg.wasm",
    "gen/wasm-embedded.mjs",
    "gen/server.mjs",
    "gen/core/smart_invite.js",
    "gen/core/smart_invite.cjs",
    "gen/core/smart_invite_bg.wasm",
    "gen/browser/smart_invite.js",
    "gen/browser/smart_invite_bg.wasm",
    "gen/browser/api.mjs",
    "gen/api.mjs",
    "gen/api-core.mjs",
    "gen/api.cjs",
    "gen/setup.cjs",
    "gen/cts/index.d.cts",
  ]) {
    assert.ok(scratch.files.includes(file), `${file} is missing from the tarball`);
  }
  assert.deepEqual(
    scratch.files.filter((f) => f.endsWith(".wasm")).sort(),
    ["gen/browser/smart_invite_bg.wasm", "gen/core/smart_invite_bg.wasm", "gen/smart_invite_bg.wasm"],
    "the server build's .wasm, its core's and the browser build's",
  );
  assert.ok(!scratch.files.some((f) => f.startsWith("scripts/")), "build scripts stay out of the tarball");
  const r = runNode(
    scratch.project,
    "wasm.mjs",
    `
    import { readFileSync } from "node:fs";
    const url = import.meta.resolve("smart-invite/wasm");
    console.log(url.endsWith("/gen/browser/smart_invite_bg.wasm"), WebAssembly.validate(readFileSync(new URL(url))));`,
  );
  assert.equal(r.stdout.trim(), "true true", r.stderr);
});

test("TypeScript --strict: a consumer compiles (ESM and CJS), a misspelt field does not", () => {
  writeFileSync(
    join(scratch.project, "consumer.mts"),
    `
    import { validateInvite, normalizeInvite, SmartInviteError, timeZones, dataCenters, init,
      type InvitePayload, type Invite, type ValidationResult, type ErrorMap, type DataCenterId } from "smart-invite";
    await init();
    const payload: InvitePayload = {
      smart_invite_id: "interview-42",
      recipient: { email: "cronofy@example.com" },
      event: { summary: "Interview", start: "2026-04-29T09:30:00Z", end: { time: "2026-04-29T10:00", tzid: "Europe/London" },
               tzid: "Europe/London", location: { description: "Room 1", lat: 51.5 }, reminders: [{ minutes: 10 }] },
    };
    const result: ValidationResult = validateInvite(payload, { dataCenter: "uk" });
    if (result.ok) {
      const invite: Invite = result.invite;
      const start: string | undefined = invite.event?.start.time;
      console.log(start, JSON.stringify(invite));
    } else {
      const errors: ErrorMap = result.errors;
      console.log(errors["event.start"]?.[0]?.key);
    }
    try { normalizeInvite("{}"); } catch (e) {
      if (e instanceof SmartInviteError && e.kind === "validation") console.log(Object.keys(e.errors ?? {}));
    }
    const zones: string[] = timeZones();
    const id: DataCenterId = dataCenters()[0].id;
    // @ts-expect-error: not a data center id
    validateInvite(payload, { dataCenter: "eu" });
    console.log(zones.length, id);
  `,
  );
  writeFileSync(
    join(scratch.project, "consumer.cts"),
    `
    import si = require("smart-invite");
    const r = si.validateInvite({ smart_invite_id: "x" });
    const paths: string[] = r.ok ? [] : Object.keys(r.errors);
    console.log(paths, si.SmartInviteError.name);
  `,
  );
  const good = tsc(scratch.project, ["consumer.mts", "consumer.cts"]);
  assert.equal(good.status, 0, good.stdout + good.stderr);

  writeFileSync(
    join(scratch.project, "misspelt.mts"),
    `
    import { validateInvite, type InvitePayload } from "smart-invite";
    const payload: InvitePayload = { smart_invite_id: "x", recipent: { email: "a@example.com" } };
    const result = validateInvite(payload);
    if (result.ok) console.log(result.invite.smart_invite_idd);
  `,
  );
  const bad = tsc(scratch.project, ["misspelt.mts"]);
  assert.notEqual(bad.status, 0, "a misspelt field must not compile");
  assert.match(bad.stdout, /misspelt\.mts.*'recipent' does not exist in type 'InvitePayload'/);
  assert.match(bad.stdout, /misspelt\.mts.*Property 'smart_invite_idd' does not exist/);
});

test("the package.json exports map: types first, every runtime condition, the browser build's wasm subpath", () => {
  const manifest = JSON.parse(readFileSync(join(root, "pkg/package.json"), "utf8"));
  const main = manifest.exports["."];
  assert.equal(Object.keys(main)[0], "types");
  for (const condition of ["deno", "workerd", "worker", "bun", "node", "browser", "default"])
    assert.ok(main[condition], condition);
  assert.equal(main.node.module, main.node.import, "bundlers for Node and Node itself load one entry");
  assert.equal(manifest.exports["./wasm"], "./gen/browser/smart_invite_bg.wasm");
});
