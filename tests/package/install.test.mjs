// The packed tarball used as a user would: Node ESM import, Node CJS require (with require(esm)
// turned off, as on Node 20.18), TypeScript --strict over the shipped types, and the files list.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { reachability } from "./reachable.mjs";
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

test("Node CJS: require() gets the same instance as import, and every subpath loads both ways", () => {
  const source = `
    const { validateInvite, normalizeInvite, SmartInviteError, timeZones, suggestTimeZones, dataCenters, init } = require("smart-invite");
    ${CHECKS}
    const required = require("smart-invite");
    const subpaths = { "smart-invite/json-schema": "inviteJsonSchema", "smart-invite/mock": "startMockServer" };
    import("smart-invite").then(async (imported) => {
      for (const name of ["validateInvite", "SmartInviteClient", "SmartInviteError", "inviteSchema", "verifyNotification"])
        if (required[name] !== imported[name]) throw new Error(name + " differs between require and import");
      let thrown;
      try { required.normalizeInvite({}); } catch (e) { thrown = e; }
      if (!(thrown instanceof imported.SmartInviteError)) throw new Error("an error from require() is not the imported class");
      for (const [path, name] of Object.entries(subpaths)) {
        const [a, b] = [require(path), await import(path)];
        if (typeof a[name] !== "function" || a[name] !== b[name]) throw new Error(path + ": " + typeof a[name]);
      }
      // Without bullmq installed, require() of the queue says what to install, as import() does.
      for (const load of [() => require("smart-invite/queue"), () => import("smart-invite/queue")]) {
        try { await load(); throw new Error("the queue loaded without bullmq"); }
        catch (e) { if (!/runs on BullMQ.*npm install bullmq ioredis/.test(e.message)) throw e; }
      }
      console.log("same");
    });`;
  const r = runNode(scratch.project, "cjs.cjs", source);
  assert.equal(r.stderr, "");
  assert.deepEqual(r.stdout.trim().split("\n"), ["ok", "same"]);
});

test("the tarball holds exactly the files its exports, imports and bin reach, with README and licenses", () => {
  const { reached, unreachable, missing } = reachability(
    join(scratch.project, "node_modules/smart-invite"),
    scratch.files,
  );
  assert.deepEqual(missing, [], "files the package's modules import that are not in the tarball");
  assert.deepEqual(unreachable, [], "files in the tarball that no export, import or bin reaches");
  for (const file of ["README.md", "LICENSE-MIT", "LICENSE-APACHE", "gen/node.mjs", "gen/cjs/gen/node.cjs"])
    assert.ok(reached.has(file), file);
  assert.deepEqual(
    scratch.files.filter((f) => f.endsWith(".wasm")).sort(),
    ["gen/browser/smart_invite_bg.wasm", "gen/core/smart_invite_bg.wasm", "gen/smart_invite_bg.wasm"],
    "the full build's .wasm, its core's and the browser build's",
  );
  const manifest = JSON.parse(readFileSync(join(scratch.project, "node_modules/smart-invite/package.json"), "utf8"));
  assert.equal(manifest.dependencies, undefined, "no runtime dependency");
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

test("the command line's progress bar is bundled: it draws with no cli-progress installed", () => {
  const r = runNode(
    scratch.project,
    "bar.mjs",
    `
    import { existsSync } from "node:fs";
    const { default: progress } = await import("./node_modules/smart-invite/gen/cli-progress.cjs");
    let drawn = "";
    const stream = { isTTY: true, columns: 80, write: (text) => { drawn += text; }, cursorTo() {}, clearLine() {}, moveCursor() {} };
    const bar = new progress.SingleBar({ stream, format: "{bar} {value}/{total}", noTTYOutput: true }, progress.Presets.shades_classic);
    bar.start(10, 0);
    bar.update(5);
    bar.stop();
    console.log(existsSync("node_modules/cli-progress"), drawn.includes("5/10"));`,
  );
  assert.equal(r.stdout.trim(), "false true", r.stderr);
});

test("publint and arethetypeswrong find nothing wrong with the packed tarball", () => {
  const tool = (name) => join(root, "node_modules/.bin", name);
  const publint = spawnSync(tool("publint"), ["--strict", scratch.tarball], { encoding: "utf8" });
  assert.equal(publint.status, 0, publint.stdout + publint.stderr);
  assert.doesNotMatch(publint.stdout, /Warnings:|Errors:/, publint.stdout);
  const attw = spawnSync(tool("attw"), [scratch.tarball, "--format", "json"], { encoding: "utf8" });
  const report = JSON.parse(attw.stdout);
  assert.deepEqual(report.analysis.problems, [], attw.stdout.slice(0, 2000));
  assert.equal(attw.status, 0);
  // Every subpath has types in every resolution mode (node10, node16 from CJS and ESM, bundler).
  const entrypoints = Object.keys(report.analysis.entrypoints);
  assert.deepEqual(entrypoints.sort(), [
    ".",
    "./json-schema",
    "./mock",
    "./package.json",
    "./queue",
    "./wasm",
    "./wasm/full",
  ]);
});

test("TypeScript --strict: a consumer compiles (ESM and CJS), a misspelt field does not", () => {
  writeFileSync(
    join(scratch.project, "consumer.mts"),
    `
    import { validateInvite, normalizeInvite, SmartInviteError, timeZones, dataCenters, init,
      type InvitePayload, type Invite, type ValidationResult, type ErrorMap, type DataCenterId } from "smart-invite";
    import wasm from "smart-invite/wasm";
    await init(wasm);
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
    import wasm = require("smart-invite/wasm");
    import schemas = require("smart-invite/json-schema");
    void si.init(wasm);
    console.log(schemas.inviteJsonSchema().title);
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

test("the package.json exports map: types first everywhere, every runtime condition, browser before worker", () => {
  const manifest = JSON.parse(readFileSync(join(root, "pkg/package.json"), "utf8"));
  const main = manifest.exports["."];
  const conditions = Object.keys(main);
  for (const condition of ["deno", "workerd", "worker", "bun", "node", "browser", "default"])
    assert.ok(conditions.includes(condition), condition);
  // webpack and rspack add `worker` for target "webworker": a page's worker gets the browser build.
  assert.ok(conditions.indexOf("browser") < conditions.indexOf("worker"), "browser comes before worker");
  (function typesFirst(node, path) {
    if (typeof node !== "object") return;
    if (typeof node.default === "string") assert.equal(Object.keys(node)[0], "types", `${path}: types must come first`);
    for (const [key, value] of Object.entries(node)) typesFirst(value, `${path}.${key}`);
  })(manifest.exports, "exports");
  assert.equal(manifest.exports["./wasm"].import.default, "./gen/browser/smart_invite_bg.wasm");
});
