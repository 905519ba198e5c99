// The packed package as a user installs it: bullmq is an optional peer (not brought in), the
// queue entry says how to get it, and the `smart-invite` command is on the PATH of npx.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { lockedVersions, npmInstall, packAndInstall, root, runNode } from "../package/scratch.mjs";
import { invalidInvite, invite } from "./helpers.mjs";

let scratch;
before(() => {
  scratch = packAndInstall();
});
after(() => scratch?.cleanup());

test("installing smart-invite alone brings in no package (neither bullmq nor ioredis); the queue entry says what to install", () => {
  const modules = join(scratch.project, "node_modules");
  assert.equal(existsSync(join(modules, "smart-invite")), true);
  assert.equal(existsSync(join(modules, "bullmq")), false);
  assert.equal(existsSync(join(modules, "ioredis")), false);
  assert.equal(existsSync(join(modules, "cli-progress")), false, "the command line's progress bar is bundled");
  for (const folder of [
    "queue/index.mjs",
    "queue/limiter.mjs",
    "queue/index.d.ts",
    "cli/main.mjs",
    "mock/limits.mjs",
  ]) {
    assert.ok(scratch.files.includes(folder), `${folder} is packed`);
  }

  const without = runNode(scratch.project, "queue.mjs", 'await import("smart-invite/queue");\n');
  assert.notEqual(without.status, 0);
  assert.match(without.stderr, /smart-invite\/queue runs on BullMQ.*npm install bullmq ioredis/);

  npmInstall(lockedVersions(["bullmq", "ioredis"]), scratch.project);
  const withIt = runNode(
    scratch.project,
    "queue2.mjs",
    'const q = await import("smart-invite/queue");\nconsole.log(typeof q.createInviteQueue, typeof q.startInviteWorker);\n',
  );
  assert.equal(withIt.stderr, "");
  assert.equal(withIt.stdout.trim(), "function function");
});

test("the queue's, upsertMany's and rateLimit's types hold under tsc --strict, and catch a misspelt field", () => {
  const source = (field) => `import { createInviteQueue, startInviteWorker, type JobResult } from "smart-invite/queue";
import { SmartInviteClient } from "smart-invite";
const connection = { host: "127.0.0.1", port: 6379 };
const queue = createInviteQueue({ connection, name: "invites" });
const worker = startInviteWorker({ connection, client: { clientSecret: "s" }, rateLimit: { ${field}: 40 } });
export async function main(): Promise<void> {
  const added = await queue.add({ smart_invite_id: "x", recipient: { email: "a@example.com" },
    event: { summary: "s", start: "2026-01-01T10:00:00Z", end: "2026-01-01T11:00:00Z" } });
  if (added.ok) {
    const result: JobResult = await queue.result(added.jobId);
    if (result.state === "completed") console.log(result.invite.attachments?.icalendar);
    if (result.state === "failed") console.log(result.error.kind, result.error.errors);
  } else console.log(added.errors["event.end"]);
  const cancelled = await queue.add({ method: "cancel", smart_invite_id: "x", recipient: { email: "a@example.com" } });
  const removed = await queue.add({ method: "remove", smart_invite_id: "y", recipient: { email: "b@example.com" } });
  if (cancelled.ok && removed.ok && (await queue.result(cancelled.jobId)).state === "superseded") console.log("moot");
  console.log(worker.slotCounts().lateSlots, (await queue.counts()).delayed, (await queue.counts()).superseded);
  const client = new SmartInviteClient({ clientSecret: "s", rateLimit: { perMinute: 100 } });
  const results = await client.upsertMany([], { concurrency: 2, onProgress: (done, total, failed) => done + total + failed });
  for (const r of results) console.log(r.ok ? r.invite.smart_invite_id : r.error.kind);
  const shown = client.toJSON().rateLimit;
  console.log(shown === false ? "off" : shown.perSecond);
  await worker.close();
  await queue.close();
}
`;
  const tsconfig = {
    compilerOptions: {
      strict: true,
      module: "nodenext",
      moduleResolution: "nodenext",
      target: "es2022",
      types: ["node"],
      // Node's types from the repository's own dev dependencies (a Node project has them).
      typeRoots: [join(root, "node_modules/@types")],
      noEmit: true,
    },
    files: ["check.mts"],
  };
  writeFileSync(join(scratch.project, "tsconfig.json"), JSON.stringify(tsconfig));
  const tsc = (field) => {
    writeFileSync(join(scratch.project, "check.mts"), source(field));
    return spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: scratch.project,
      encoding: "utf8",
    });
  };
  const good = tsc("perSecond");
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const bad = tsc("per_second");
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /per_second/);
});

test("npx smart-invite validate runs from the installed package", () => {
  const file = join(scratch.project, "invites.jsonl");
  writeFileSync(file, `${JSON.stringify(invite(1))}\n${JSON.stringify(invalidInvite(2))}\n`);
  const run = spawnSync("npx", ["--offline", "smart-invite", "validate", "invites.jsonl"], {
    cwd: scratch.project,
    encoding: "utf8",
  });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /^invites\.jsonl:2: event\.end: /m);
  assert.match(run.stdout, /2 lines, 1 valid, 1 invalid/);
});
