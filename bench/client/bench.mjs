// Client overhead per request: our SmartInviteClient (validates and normalizes, then sends
// through fetch) against the official `cronofy` npm SDK (sends as given, through axios), both
// creating invites on the local mock over loopback, in one run.
//
// The mock runs in a child process, so the CPU time measured here (process.cpuUsage) is the
// client's alone: building, sending, receiving and parsing one request.
//
//   node bench/client/bench.mjs [--requests 2000] [--rounds 3]

import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { SmartInviteClient } from "../../pkg/lib/node.mjs";

const require = createRequire(import.meta.url);
const Cronofy = require("cronofy");

const { values: args } = parseArgs({
  options: { requests: { type: "string", default: "2000" }, rounds: { type: "string", default: "3" } },
});
const REQUESTS = Number(args.requests);
const ROUNDS = Number(args.rounds);
const CONCURRENCY = [1, 32];
const SECRET = "bench-client-secret";

const seed = (id) => ({
  method: "request",
  recipient: { email: "cronofy@example.com" },
  smart_invite_id: id,
  callback_url: "https://yourapp.example.com/cronofy/smart_invite/notifications",
  event: {
    summary: "Board meeting",
    description: "Discuss plans for the next quarter.",
    start: "2026-04-29T09:30:00Z",
    end: "2026-04-29T10:00:00Z",
    tzid: "Europe/London",
    location: { description: "Board room" },
  },
  organizer: { name: "Smart invite application" },
});

async function startMock() {
  const cli = fileURLToPath(new URL("../../pkg/mock/cli.mjs", import.meta.url));
  const child = spawn(process.execPath, [cli, "--port", "0", "--quiet", "--client-secret", SECRET], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = await once(child.stdout, "data");
  return { child, url: String(line).match(/http:\/\/[\d.]+:\d+/)[0] };
}

/** Sends `count` invites with `concurrency` in flight; returns wall ms and CPU µs. */
async function run(send, label, count, concurrency) {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const answer = await send(seed(`${label}-${i}`));
        if (answer.smart_invite_id !== `${label}-${i}`) throw new Error(`${label}: wrong answer`);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuUs: used.user + used.system };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const mock = await startMock();
try {
  const ours = new SmartInviteClient({ clientSecret: SECRET, baseUrl: mock.url });
  const sdk = new Cronofy({ client_secret: SECRET });
  sdk.urls.api = mock.url;
  const clients = [
    ["smart-invite", (payload) => ours.upsert(payload)],
    ["cronofy SDK 3.8.4", (payload) => sdk.createSmartInvite(payload)],
  ];

  // Warm up both (JIT, connection pools).
  for (const [name, send] of clients) await run(send, `warm-${name}`, 300, 8);

  const results = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of CONCURRENCY) {
      // Alternate the order each round so neither always runs first.
      const order = round % 2 === 0 ? clients : [...clients].reverse();
      for (const [name, send] of order) {
        const r = await run(send, `r${round}-c${concurrency}-${name}`, REQUESTS, concurrency);
        const key = `${name}|${concurrency}`;
        if (!results.has(key)) results.set(key, []);
        results.get(key).push({ rps: (REQUESTS * 1000) / r.ms, cpu: r.cpuUs / REQUESTS });
      }
    }
  }

  const pick = (name, c) => {
    const rows = results.get(`${name}|${c}`);
    return { rps: median(rows.map((r) => r.rps)), cpu: median(rows.map((r) => r.cpu)) };
  };
  const [[oursName], [sdkName]] = clients;
  const lines = [
    `Client overhead: ${REQUESTS} invite creations per cell, median of ${ROUNDS} rounds, mock in a child process on 127.0.0.1`,
    `(Node ${process.versions.node}, ${(await import("node:os")).cpus().length} cores).`,
    "",
    "| concurrency | client | requests/s | CPU µs/request |",
    "|---:|---|---:|---:|",
  ];
  for (const c of CONCURRENCY) {
    for (const name of [oursName, sdkName]) {
      const r = pick(name, c);
      lines.push(`| ${c} | ${name} | ${r.rps.toFixed(0)} | ${r.cpu.toFixed(0)} |`);
    }
    const a = pick(oursName, c);
    const b = pick(sdkName, c);
    lines.push(`| ${c} | **ratio** (ours / SDK) | **${(a.rps / b.rps).toFixed(2)}x** | **${(a.cpu / b.cpu).toFixed(2)}x** |`);
  }
  lines.push("", "requests/s: higher is better; CPU µs/request: lower is better. Ours validates and normalizes every payload; the SDK does not.");
  console.log(lines.join("\n"));
} finally {
  mock.child.kill();
}
