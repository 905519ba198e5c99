// client.upsertMany of many invites against the local mock: time, CPU, and how often the rules
// ran on the client's side, for this package and (with --before) another build of it, in one run.
//
// The rules' runs are counted from outside, the same way on any build: every payload carries a
// getter on smart_invite_id that counts its reads (one validation of an object reads it once,
// as it crosses into wasm as one JSON text), and upsert() is wrapped on the client, counting
// the calls that hand it something other than an input (a normalized copy, validated again).
//
// The mock runs in its own process (this package's, for both; emptied before each run), and so
// does each measurement: the CPU time read with process.cpuUsage() is that client's alone. Rounds alternate the order;
// the table gives the median of the rounds.
//
//   node bench/client/upsert-many.mjs [--invites 1000] [--invalid 100] [--rounds 5] [--before OTHER_PKG_DIR]
//
// OTHER_PKG_DIR is the pkg/ folder of another checkout after its `make pkg`.

import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { seed, startMockProcess } from "./mock-process.mjs";
import { stats } from "./stats.mjs";

const SELF = fileURLToPath(import.meta.url);
const THIS_PKG = fileURLToPath(new URL("../../pkg", import.meta.url));
const SECRET = "bench-upsert-many-secret";
const WARMUP = 200;
const CONCURRENCY = 8;

const { values: args } = parseArgs({
  options: {
    invites: { type: "string", default: "1000" },
    invalid: { type: "string", default: "100" },
    rounds: { type: "string", default: "5" },
    before: { type: "string" },
    worker: { type: "string" },
    url: { type: "string" },
    tag: { type: "string" },
  },
});

/** Invite `n` of a run: the seed example to a guest of its own, or (every `every`-th) ending
 * before it starts. */
function payload(tag, n, every) {
  const invite = { ...seed(`${tag}-${n}`), recipient: { email: `guest${n}@example.com` } };
  if (every > 0 && n % every === every - 1) invite.event.end = "2026-04-29T09:00:00Z";
  return invite;
}

/** Worker mode: one client of the package in `pkgDir`; prints `{ ms, cpuMs, walks, ok }`. */
async function worker(pkgDir, url, count, invalid, tag) {
  const { SmartInviteClient } = await import(pathToFileURL(resolve(pkgDir, "gen/node.mjs")).href);
  // No pacing: this measures the client's own work (the limit would set the time otherwise).
  const client = new SmartInviteClient({ clientSecret: SECRET, baseUrl: url, rateLimit: false });
  const every = invalid > 0 ? Math.round(count / invalid) : 0;
  await client.upsertMany(
    Array.from({ length: WARMUP }, (_, n) => payload(`${tag}-warm`, n, every)),
    { concurrency: CONCURRENCY },
  );

  let reads = 0;
  const inputs = new Set();
  const payloads = Array.from({ length: count }, (_, n) => {
    const invite = payload(tag, n, every);
    const id = invite.smart_invite_id;
    Object.defineProperty(invite, "smart_invite_id", {
      enumerable: true,
      get() {
        reads += 1;
        return id;
      },
    });
    inputs.add(invite);
    return invite;
  });
  let revalidated = 0;
  const upsert = Object.getPrototypeOf(client).upsert;
  client.upsert = function counted(invite) {
    if (!inputs.has(invite)) revalidated += 1;
    return upsert.call(this, invite);
  };

  const started = performance.now();
  const cpu = process.cpuUsage();
  const results = await client.upsertMany(payloads, { concurrency: CONCURRENCY });
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - started;
  const ok = results.filter((r) => r.ok).length;
  console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, walks: reads + revalidated, ok }));
}

async function main() {
  const count = Number(args.invites);
  const invalid = Number(args.invalid);
  const rounds = Number(args.rounds);
  const builds = args.before ? { before: resolve(args.before), after: THIS_PKG } : { this: THIS_PKG };
  const mock = await startMockProcess(SECRET);
  const { url } = mock;
  try {
    const names = Object.keys(builds);
    const results = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      for (const name of round % 2 === 0 ? names : [...names].reverse()) {
        // Each run finds the mock as empty as the others did.
        await fetch(`${url}/_mock/reset`, { method: "POST" });
        const argv = [SELF, "--worker", builds[name], "--url", url, "--invites", String(count)];
        argv.push("--invalid", String(invalid), "--tag", `${name}-${round}`);
        results[name].push(JSON.parse(execFileSync(process.execPath, argv, { encoding: "utf8" })));
      }
    }
    const cell = (name) => {
      const rows = results[name];
      return { ...rows[0], ms: stats(rows.map((r) => r.ms)).median, cpuMs: stats(rows.map((r) => r.cpuMs)).median };
    };
    const lines = [
      `upsertMany of ${count} invites (${invalid} invalid), concurrency ${CONCURRENCY}, no pacing, after a warm-up of ${WARMUP};`,
      `median of ${rounds} rounds, each client in its own process, the mock in another, on 127.0.0.1`,
      `(Node ${process.versions.node}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the end).`,
      "",
      "| build | wall ms | client CPU ms | validations (rule walks) | sent |",
      "|---|---:|---:|---:|---:|",
    ];
    for (const name of names) {
      const c = cell(name);
      lines.push(`| ${name} | ${c.ms.toFixed(0)} | ${c.cpuMs.toFixed(0)} | ${c.walks} | ${c.ok} |`);
    }
    if (args.before) {
      const [b, a] = [cell("before"), cell("after")];
      const ratio = (x, y) => `${(x / y).toFixed(2)}x`;
      lines.push(
        `| after / before | ${ratio(a.ms, b.ms)} | ${ratio(a.cpuMs, b.cpuMs)} | ${ratio(a.walks, b.walks)} | |`,
      );
    }
    for (const name of names) {
      if (new Set(results[name].map((r) => r.walks)).size > 1) throw new Error(`${name}: walks varied between rounds`);
    }
    console.log(lines.join("\n"));
  } finally {
    mock.kill();
  }
}

if (args.worker) await worker(args.worker, args.url, Number(args.invites), Number(args.invalid), args.tag);
else await main();
