// The packed package as a user installs it: bullmq is an optional peer (not brought in), the
// queue entry says how to get it, and the `smart-invite` command is on the PATH of npx.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { packAndInstall, runNode } from "../package/scratch.mjs";
import { invalidInvite, invite } from "./helpers.mjs";

let scratch;
before(() => {
  scratch = packAndInstall();
});
after(() => scratch?.cleanup());

test("installing smart-invite alone brings in neither bullmq nor ioredis; the queue entry says what to install", () => {
  const modules = join(scratch.project, "node_modules");
  assert.equal(existsSync(join(modules, "smart-invite")), true);
  assert.equal(existsSync(join(modules, "bullmq")), false);
  assert.equal(existsSync(join(modules, "ioredis")), false);
  assert.equal(existsSync(join(modules, "cli-progress")), true, "the command line's progress bar");
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

  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", "bullmq@6.7.0", "ioredis@6.0.0"],
    {
      cwd: scratch.project,
    },
  );
  const withIt = runNode(
    scratch.project,
    "queue2.mjs",
    'const q = await import("smart-invite/queue");\nconsole.log(typeof q.createInviteQueue, typeof q.startInviteWorker);\n',
  );
  assert.equal(withIt.stderr, "");
  assert.equal(withIt.stdout.trim(), "function function");
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
