#!/usr/bin/env node
// smart-invite: the command line for operators.
//
//   smart-invite send invites.jsonl [--data-center uk] [--rate 50/s,500/min] [--dry-run]
//   smart-invite validate invites.jsonl [--data-center uk]
//
// One invite payload per line (JSON). Every line is validated first and errors are reported
// by line number; `send` then sends the valid ones under the rate limit with a progress bar,
// writing each answer (with its .ics) to a results file as it comes. Interrupted (Ctrl-C, a
// crash, a lost connection), the same command resumes: lines the results file records as
// done, with the same content, are not sent again. Lines that change one invite (the same
// smart_invite_id and recipient) are sent one at a time, in file order, so Cronofy ends with
// the last; on resume, a line sent again takes every later line of its invite with it.

import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, writeSync } from "node:fs";
import { parseArgs } from "node:util";
import { dataCenters, SmartInviteClient, validateInvite } from "../gen/node.mjs";
import { inviteIdentity } from "../lib/identity.mjs";
import { formatRate, parseRate } from "./rate.mjs";

const USAGE = `Usage:
  smart-invite send FILE.jsonl [--data-center us|uk|de|au|ca|sg] [--rate 50/s,500/min] [--dry-run]
                               [--results FILE] [--concurrency 8] [--base-url URL]
  smart-invite validate FILE.jsonl [--data-center us|uk|de|au|ca|sg]

FILE.jsonl holds one Smart Invite payload (JSON) per line; blank lines are skipped.

validate  checks every line with the same rules as the API and reports each error by line
          number; exits 1 if any line is invalid (for CI).
send      validates every line, then sends the valid ones (create or update) with the client
          secret in $CRONOFY_CLIENT_SECRET, under the rate limit (default Cronofy's 50/s and
          500/min; a limit you leave out of --rate keeps its default). Each answer, with the
          .ics to email, goes to the results file (default FILE.jsonl.results.jsonl) as it
          comes. Run the same command again after an interruption: lines already sent with the
          same content are skipped. --dry-run validates and says what would be sent.
          --base-url sends elsewhere, such as the local mock (npx smart-invite-mock).`;

/** Kinds worth sending again on a later run; other failures stay recorded as final. */
const RETRYABLE = new Set(["rate_limited", "server", "network", "timeout", "aborted"]);

function fail(message, code = 2) {
  console.error(`smart-invite: ${message}`);
  process.exit(code);
}

/** Every non-blank line of the file: `{ line, text, key }`, `key` a hash of the text. */
function readLines(file) {
  let content;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    fail(`cannot read ${file}: ${error.message}`);
  }
  const lines = [];
  content.split(/\r?\n/).forEach((text, i) => {
    if (text.trim() === "") return;
    lines.push({ line: i + 1, text, key: createHash("sha256").update(text).digest("base64url").slice(0, 16) });
  });
  return lines;
}

/** Validates every line; prints each error as `FILE:LINE: field: description`. */
function validateLines(file, lines, dataCenter) {
  const valid = [];
  let invalid = 0;
  for (const entry of lines) {
    const checked = validateInvite(entry.text, { dataCenter });
    if (checked.ok) {
      valid.push({ ...entry, identity: inviteIdentity(checked.invite) });
      continue;
    }
    invalid += 1;
    for (const [path, issues] of Object.entries(checked.errors)) {
      for (const issue of issues) {
        console.error(`${file}:${entry.line}: ${path || "(the line)"}: ${issue.description} [${issue.key}]`);
      }
    }
  }
  return { valid, invalid };
}

/** The results file's verdicts by line key: the last record of each line wins. */
function readResults(path) {
  const done = new Map();
  if (!existsSync(path)) return done;
  for (const text of readFileSync(path, "utf8").split("\n")) {
    if (!text) continue;
    try {
      const record = JSON.parse(text);
      done.set(`${record.line}:${record.key}`, record);
    } catch {
      // A line cut short by a crash while it was written: that invite is sent again.
    }
  }
  return done;
}

function isFinal(record) {
  return record.ok || !RETRYABLE.has(record.error?.kind);
}

async function send(file, args) {
  const dataCenter = args["data-center"];
  const lines = readLines(file);
  const { valid, invalid } = validateLines(file, lines, dataCenter);
  const resultsPath = args.results ?? `${file}.results.jsonl`;
  const previous = readResults(resultsPath);
  // A line to send again makes the later lines of its invite outdated at Cronofy once it is
  // sent: they go again too, after it, so the last line still wins.
  const resent = new Set();
  const todo = valid.filter((entry) => {
    const record = previous.get(`${entry.line}:${entry.key}`);
    if (!(record && isFinal(record))) resent.add(entry.identity);
    return resent.has(entry.identity);
  });
  const skipped = valid.length - todo.length;
  let rate;
  try {
    rate = args.rate === undefined ? undefined : parseRate(args.rate);
  } catch (error) {
    fail(error.message);
  }
  const summary = `${lines.length} lines: ${valid.length} valid, ${invalid} invalid; ${skipped} already done (${resultsPath}), ${todo.length} to send`;
  if (args["dry-run"]) {
    console.log(`${summary}. Dry run: nothing sent.`);
    return invalid > 0 ? 1 : 0;
  }
  if (todo.length === 0) {
    console.error(`${summary}.`);
    return invalid > 0 ? 1 : 0;
  }

  const clientSecret = process.env.CRONOFY_CLIENT_SECRET;
  if (!clientSecret) fail("set CRONOFY_CLIENT_SECRET to your Cronofy application's client secret.");
  let client;
  try {
    client = new SmartInviteClient({
      clientSecret,
      dataCenter,
      ...(args["base-url"] ? { baseUrl: args["base-url"] } : {}),
      ...(rate === undefined ? {} : { rateLimit: rate }),
    });
  } catch (error) {
    fail(error.message);
  }
  console.error(`${summary}, at ${formatRate(client.toJSON().rateLimit)}.`);
  const concurrency = Number(args.concurrency);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) fail("--concurrency takes a whole number above 0.");

  // Each answer is appended as it comes, so an interruption loses at most the requests in flight.
  const out = openSync(resultsPath, "a");
  const controller = new AbortController();
  let interrupted = false;
  process.on("SIGINT", () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error("\nInterrupted: finishing the invites in flight (Ctrl-C again to quit at once)...");
    controller.abort();
  });
  const bar = await progressBar(todo.length);
  let failed = 0;
  const results = await client.upsertMany(
    todo.map((entry) => entry.text),
    {
      concurrency,
      signal: controller.signal,
      onResult(result, index) {
        const entry = todo[index];
        if (result.error?.kind === "aborted") return;
        const record = { line: entry.line, key: entry.key, ok: result.ok, at: new Date().toISOString() };
        if (result.ok) record.invite = result.invite;
        else {
          failed += 1;
          const { kind, message, status, errors, retryAfterMs } = result.error;
          record.error = { kind, message, status, errors, retryAfterMs };
          bar.log(`${file}:${entry.line}: not sent: ${kind}: ${message}`);
        }
        writeSync(out, `${JSON.stringify(record)}\n`);
      },
      onProgress: (done, _total, failures) => bar.update(done, failures),
    },
  );
  bar.stop();
  closeSync(out);
  client.free();
  const left = results.filter((r) => r.error?.kind === "aborted").length;
  const sent = todo.length - left - failed;
  const tail = left > 0 ? `; ${left} left: run the same command again to resume` : "";
  console.error(`Sent ${sent}, failed ${failed} (see ${resultsPath})${tail}.`);
  if (interrupted) return 130;
  return invalid > 0 || failed > 0 ? 1 : 0;
}

/** cli-progress on a terminal; on anything else (CI logs, pipes) a line every 10%. */
async function progressBar(total) {
  if (process.stderr.isTTY) {
    // Bundled into the package at build time (pkg/scripts/build.mjs): no runtime dependency.
    const { default: progress } = await import("../gen/cli-progress.cjs");
    const bar = new progress.SingleBar(
      { format: "{bar} {value}/{total} sent, {failed} failed, ETA {eta_formatted}", hideCursor: true },
      progress.Presets.shades_classic,
    );
    bar.start(total, 0, { failed: 0 });
    return {
      update: (done, failures) => bar.update(done, { failed: failures }),
      log: (line) => {
        bar.clearLine?.();
        console.error(line);
      },
      stop: () => bar.stop(),
    };
  }
  let shown = 0;
  return {
    update(done, failures) {
      const tenth = Math.floor((done * 10) / total);
      if (tenth > shown) {
        shown = tenth;
        console.error(`${done}/${total} sent, ${failures} failed`);
      }
    },
    log: (line) => console.error(line),
    stop() {},
  };
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "data-center": { type: "string", default: "us" },
        rate: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        results: { type: "string" },
        concurrency: { type: "string", default: "8" },
        "base-url": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    fail(`${error.message}\n\n${USAGE}`);
  }
  const { values: args, positionals } = parsed;
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, file, ...extra] = positionals;
  if (!["send", "validate"].includes(command) || !file || extra.length > 0) fail(USAGE);
  const centers = dataCenters().map((dc) => dc.id);
  if (!centers.includes(args["data-center"])) {
    fail(`--data-center "${args["data-center"]}" is not a Cronofy data center; use one of ${centers.join(", ")}.`);
  }
  if (command === "validate") {
    const lines = readLines(file);
    const { valid, invalid } = validateLines(file, lines, args["data-center"]);
    console.log(`${file}: ${lines.length} lines, ${valid.length} valid, ${invalid} invalid.`);
    return invalid > 0 ? 1 : 0;
  }
  return send(file, args);
}

process.exitCode = await main(process.argv.slice(2));
