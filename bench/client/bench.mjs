// Client overhead per request: our SmartInviteClient (validates and normalizes, then sends)
// against the official `cronofy` npm SDK (sends the payload as given, through axios), both
// creating invites on the local mock over loopback, in one run.
//
// The mock runs in its own process, and so does each measurement (one client, one
// concurrency): the CPU time read with process.cpuUsage() is that client's alone (building,
// sending, receiving and parsing), and neither client's garbage is collected on the other's
// time. Rounds alternate the order; the table gives the median of the rounds.
//
//   node bench/client/bench.mjs [--requests 2000] [--rounds 3]

import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { seed, startMockProcess } from "./mock-process.mjs";

const SELF = fileURLToPath(import.meta.url);
const SECRET = "bench-client-secret";
const CLIENTS = { ours: "smart-invite", sdk: "cronofy SDK 3.8.4" };
const CONCURRENCY = [1, 32];
const WARMUP = 500;

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    rounds: { type: "string", default: "3" },
    worker: { type: "string" },
    url: { type: "string" },
    concurrency: { type: "string" },
  },
});

/** Worker mode: one client, one concurrency; prints `{ rps, cpuUs }`. */
async function worker(which, url, count, concurrency) {
  let send;
  if (which === "ours") {
    const { SmartInviteClient } = await import("../../pkg/gen/node.mjs");
    // No pacing: this measures the client's own cost per request (the SDK paces nothing either).
    const client = new SmartInviteClient({ clientSecret: SECRET, baseUrl: url, rateLimit: false });
    send = (payload) => client.upsert(payload);
  } else {
    const { createRequire } = await import("node:module");
    const Cronofy = createRequire(import.meta.url)("cronofy");
    const client = new Cronofy({ client_secret: SECRET });
    client.urls.api = url;
    send = (payload) => client.createSmartInvite(payload);
  }
  const run = async (n, inFlight, tag) => {
    let next = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < n) {
          const id = `${tag}-${next++}`;
          const answer = await send(seed(id));
          if (answer.smart_invite_id !== id) throw new Error(`${which}: wrong answer for ${id}`);
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    return { rps: (n * 1000) / (performance.now() - started), cpuUs: (used.user + used.system) / n };
  };
  const tag = `${which}-${concurrency}-${process.pid}`;
  await run(WARMUP, 8, `${tag}-warm`);
  console.log(JSON.stringify(await run(count, concurrency, tag)));
}

async function main() {
  const requests = Number(args.requests);
  const rounds = Number(args.rounds);
  const mock = await startMockProcess(SECRET);
  const { url } = mock;
  try {
    const results = {};
    for (let round = 0; round < rounds; round++) {
      for (const concurrency of CONCURRENCY) {
        const order = round % 2 === 0 ? ["ours", "sdk"] : ["sdk", "ours"];
        for (const which of order) {
          const argv = [
            SELF,
            "--worker",
            which,
            "--url",
            url,
            "--requests",
            String(requests),
            "--concurrency",
            String(concurrency),
          ];
          const out = JSON.parse(execFileSync(process.execPath, argv, { encoding: "utf8" }));
          (results[`${which}|${concurrency}`] ??= []).push(out);
        }
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const cell = (which, c) => {
      const rows = results[`${which}|${c}`];
      return { rps: median(rows.map((r) => r.rps)), cpu: median(rows.map((r) => r.cpuUs)) };
    };
    const lines = [
      `Client overhead: ${requests} invite creations per cell after ${WARMUP} warm-up, median of ${rounds} rounds;`,
      `each client in its own process, the mock in another, on 127.0.0.1 (Node ${process.versions.node}, ${cpus().length} cores).`,
      "",
      "| concurrency | client | requests/s | CPU µs/request |",
      "|---:|---|---:|---:|",
    ];
    for (const c of CONCURRENCY) {
      for (const which of ["ours", "sdk"]) {
        const r = cell(which, c);
        lines.push(`| ${c} | ${CLIENTS[which]} | ${r.rps.toFixed(0)} | ${r.cpu.toFixed(0)} |`);
      }
      const a = cell("ours", c);
      const b = cell("sdk", c);
      lines.push(`| ${c} | ours / SDK | ${(a.rps / b.rps).toFixed(2)}x | ${(a.cpu / b.cpu).toFixed(2)}x |`);
    }
    lines.push(
      "",
      "requests/s: higher is better; CPU µs/request: lower is better. Ours validates and normalizes each payload and",
      "parses each answer into a typed object; the SDK sends the payload as given and returns the parsed JSON.",
    );
    console.log(lines.join("\n"));
  } finally {
    mock.kill();
  }
}

if (args.worker) await worker(args.worker, args.url, Number(args.requests), Number(args.concurrency));
else await main();
