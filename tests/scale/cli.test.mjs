// The `smart-invite` command line (pkg/cli/main.mjs) as an operator runs it, against the
// package's mock on 127.0.0.1: a 300-line file with 10 bad lines, validated, dry-run, sent,
// interrupted with Ctrl-C (SIGINT) and resumed.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startMockServer } from "../../pkg/mock/index.mjs";
import { invite, SECRET, startGate, waitFor } from "./helpers.mjs";

const CLI = fileURLToPath(new URL("../../pkg/cli/main.mjs", import.meta.url));

/** Line number (1-based) to what is wrong with it. */
const BAD_LINES = new Map([
  [4, "{not json"],
  [31, "end before start"],
  [58, "no recipient"],
  [90, "recipient email"],
  [121, "time zone"],
  [150, "attendees"],
  [177, "summary missing"],
  [212, "start not a time"],
  [260, "two recipient forms"],
  [300, "an array, not an invite"],
]);

function badLine(what, n) {
  const base = invite(n, "cli");
  switch (what) {
    case "{not json":
      return "{not json";
    case "end before start":
      return JSON.stringify({ ...base, event: { ...base.event, end: "2026-09-10T14:00:00Z" } });
    case "no recipient": {
      const { recipient, ...rest } = base;
      return JSON.stringify(rest);
    }
    case "recipient email":
      return JSON.stringify({ ...base, recipient: { email: "not an address" } });
    case "time zone":
      return JSON.stringify({ ...base, event: { ...base.event, tzid: "Europe/Lodnon" } });
    case "attendees":
      return JSON.stringify({ ...base, event: { ...base.event, attendees: [{ email: "x@example.com" }] } });
    case "summary missing": {
      const { summary, ...event } = base.event;
      return JSON.stringify({ ...base, event });
    }
    case "start not a time":
      return JSON.stringify({ ...base, event: { ...base.event, start: "tomorrow" } });
    case "two recipient forms":
      return JSON.stringify({ ...base, recipients: [{ email: "y@example.com" }] });
    default:
      return "[1, 2, 3]";
  }
}

let dir;
let file;
let mock;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "smart-invite-cli-"));
  file = join(dir, "invites.jsonl");
  const lines = [];
  for (let line = 1; line <= 300; line += 1) {
    lines.push(BAD_LINES.has(line) ? badLine(BAD_LINES.get(line), line) : JSON.stringify(invite(line, "cli")));
    if (line === 100) lines.push(""); // a blank line is skipped, and line numbers still match the file
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
  mock = await startMockServer({ clientSecret: SECRET });
});
after(async () => {
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI; resolves to { code, stdout, stderr }. `whileRunning(child)` may signal it. */
async function cli(args, { env = {}, whileRunning } = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, CRONOFY_CLIENT_SECRET: SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  child.stderrSoFar = () => stderr;
  const exited = once(child, "exit");
  await whileRunning?.(child);
  const [code] = await exited;
  return { code, stdout, stderr };
}

/** The file line numbers the CLI reported errors for. */
function reportedLines(stderr) {
  return [...new Set([...stderr.matchAll(/invites\.jsonl:(\d+): /g)].map((m) => Number(m[1])))];
}

/** The line numbers of the file after the blank line added after line 100. */
const fileLine = (n) => (n > 100 ? n + 1 : n);

test("validate reports every bad line by its number and fails, for CI", async () => {
  const { code, stdout, stderr } = await cli(["validate", file]);
  assert.equal(code, 1);
  assert.deepEqual(reportedLines(stderr), [...BAD_LINES.keys()].map(fileLine));
  assert.match(stderr, new RegExp(`invites\\.jsonl:${fileLine(121)}: event\\.tzid: .*Europe/London`));
  assert.match(stderr, /invites\.jsonl:4: \(the line\): .*JSON/);
  assert.equal(stdout.trim(), `${file}: 300 lines, 290 valid, 10 invalid.`);
  assert.equal(mock.requests.length, 0);

  const good = join(dir, "good.jsonl");
  writeFileSync(good, `${JSON.stringify(invite(1, "good"))}\n`);
  assert.equal((await cli(["validate", good])).code, 0);
  assert.equal((await cli(["validate", good, "--data-center", "mars"])).code, 2);
});

test("send --dry-run validates and sends nothing", async () => {
  const { code, stdout } = await cli(["send", file, "--dry-run", "--base-url", mock.url]);
  assert.equal(code, 1, "bad lines make the exit code 1");
  assert.match(stdout, /300 lines: 290 valid, 10 invalid; 0 already done .*, 290 to send\. Dry run: nothing sent\./);
  assert.equal(mock.requests.length, 0);
  assert.equal(existsSync(`${file}.results.jsonl`), false);
});

test("send, interrupted with Ctrl-C and resumed: every valid invite sent once, bad lines reported", async () => {
  const results = `${file}.results.jsonl`;
  const recorded = () => (existsSync(results) ? readFileSync(results, "utf8").split("\n").filter(Boolean) : []);
  const rate = ["--rate", "100/s,1000/min"];
  // The first 80 requests go through; the rest wait at the gate until the CLI has taken the
  // Ctrl-C, so the interruption comes before the work is done however slow the machine.
  const gate = await startGate(mock.url, { passFirst: 80 });
  let first;
  try {
    first = await cli(["send", file, "--base-url", gate.url, "--concurrency", "4", ...rate], {
      whileRunning: async (child) => {
        await waitFor(() => recorded().length >= 80 && gate.held() > 0, { what: "80 results", everyMs: 20 });
        child.kill("SIGINT");
        await waitFor(() => /Interrupted/.test(child.stderrSoFar()), { what: "the Ctrl-C taken" });
        gate.open();
      },
    });
  } finally {
    gate.close();
  }
  assert.equal(first.code, 130, first.stderr);
  assert.match(first.stderr, /290 to send, at 100\/s,1000\/min\./);
  assert.match(first.stderr, /Interrupted/);
  assert.match(first.stderr, /left: run the same command again to resume/);
  const sentFirst = recorded().length;
  // 80, and those the 4 lanes had in flight at the gate.
  assert.ok(sentFirst >= 80 && sentFirst <= 84, `${sentFirst} sent before the interruption`);
  assert.deepEqual(reportedLines(first.stderr), [...BAD_LINES.keys()].map(fileLine));

  const second = await cli(["send", file, "--base-url", mock.url, "--concurrency", "4", ...rate]);
  assert.equal(second.code, 1, "exit 1: the bad lines are still there");
  assert.match(
    second.stderr,
    new RegExp(`${sentFirst} already done .*, ${290 - sentFirst} to send, at 100/s,1000/min`),
  );
  assert.match(second.stderr, new RegExp(`Sent ${290 - sentFirst}, failed 0`));

  // Every valid line: sent exactly once, its answer (with the .ics) in the results file.
  const records = recorded().map((text) => JSON.parse(text));
  assert.equal(records.length, 290);
  const byLine = new Map(records.map((r) => [r.line, r]));
  for (let n = 1; n <= 300; n += 1) {
    const id = `cli-${n}`;
    const posts = mock.requests.filter((r) => r.smart_invite_id === id).length;
    if (BAD_LINES.has(n)) {
      assert.equal(byLine.has(fileLine(n)), false);
      continue;
    }
    assert.equal(posts, 1, `${id} sent ${posts} times`);
    assert.deepEqual(mock.writeCounts(id, `guest${n}@example.com`).created, 1);
    const record = byLine.get(fileLine(n));
    assert.equal(record.ok, true);
    assert.match(record.invite.attachments.icalendar, /^BEGIN:VCALENDAR/);
  }

  // A third run has nothing left to send.
  const third = await cli(["send", file, "--base-url", mock.url]);
  assert.match(third.stderr, /290 already done .*, 0 to send/);
  assert.equal(mock.requests.length, 290);
  assert.equal((await cli(["send", file, "--rate", "fast", "--base-url", mock.url])).code, 2);
});

test("send: lines that change one invite go one at a time, in file order, whatever order the answers come in", async () => {
  const moves = join(dir, "moves.jsonl");
  const moved = (n, summary) => ({ ...invite(n, "move"), event: { ...invite(n, "move").event, summary } });
  const lines = [];
  for (let n = 0; n < 10; n += 1) for (const summary of ["A", "B", "C"]) lines.push(JSON.stringify(moved(n, summary)));
  writeFileSync(moves, `${lines.join("\n")}\n`);
  // Each invite's first request answers late: without the rule its later lines would win.
  for (let n = 0; n < 10; n += 1) mock.injectFaults(["delay=150"], { smartInviteId: `move-${n}` });
  const gate = await startGate(mock.url);
  try {
    const run = await cli(["send", moves, "--base-url", gate.url, "--concurrency", "16", "--rate", "off"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Sent 30, failed 0/);
  } finally {
    await gate.close();
  }
  for (let n = 0; n < 10; n += 1) {
    const id = `move-${n}`;
    const order = gate.bodies.map((body) => JSON.parse(body)).filter((b) => b.smart_invite_id === id);
    assert.deepEqual(
      order.map((b) => b.event.summary),
      ["A", "B", "C"],
      `${id} in file order`,
    );
    assert.equal(mock.find(id, `guest${n}@example.com`).event.summary, "C");
  }
});

test("send, resumed: a line sent again takes the later lines of its invite with it, so the last still wins", async () => {
  const file = join(dir, "resume.jsonl");
  const moved = (summary) => ({ ...invite(1, "resume"), event: { ...invite(1, "resume").event, summary } });
  const lines = [moved("A"), invite(2, "resume"), moved("C")].map((p) => JSON.stringify(p));
  writeFileSync(file, `${lines.join("\n")}\n`);
  const key = (text) => createHash("sha256").update(text).digest("base64url").slice(0, 16);
  // An earlier run: line 1 failed with a server error (to try again), lines 2 and 3 were sent.
  const record = (line, ok) =>
    JSON.stringify({ line, key: key(lines[line - 1]), ok, ...(ok ? {} : { error: { kind: "server" } }) });
  writeFileSync(`${file}.results.jsonl`, `${[record(1, false), record(2, true), record(3, true)].join("\n")}\n`);
  const gate = await startGate(mock.url);
  try {
    const run = await cli(["send", file, "--base-url", gate.url, "--rate", "off"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /1 already done .*, 2 to send/);
  } finally {
    await gate.close();
  }
  const sent = gate.bodies.map((body) => JSON.parse(body));
  assert.deepEqual(
    sent.map((b) => `${b.smart_invite_id} ${b.event.summary}`),
    ["resume-1 A", "resume-1 C"],
  );
  assert.equal(mock.find("resume-1", "guest1@example.com").event.summary, "C");
});
