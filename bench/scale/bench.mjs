// Sending at scale, measured: smart-invite/queue against plain BullMQ, with a real
// redis-server and the package's mock on 127.0.0.1, workers in processes of their own.
//
// 1. Overhead per queued invite, the limit far away: Redis round trips (socket writes of the
//    worker; ioredis writes a pipeline at once), CPU µs per job of the worker, of the producer
//    (add) and of redis-server, against a plain BullMQ queue and worker sending the same
//    invites with the same client.
// 2. Drain time of N invites through 3 worker processes at a limit, against the time the limit
//    allows (the earliest the last request may go, every window used to the full), with the
//    busiest sliding second at the mock; beside BullMQ's own limiter, fixed window and spaced.
//
//   node bench/scale/bench.mjs [--invites 2000] [--rate 100] [--per-minute 1000] [--rounds 3] [--part all|overhead|drain]

import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Queue } from "bullmq";
import { startMockServer } from "../../pkg/mock/index.mjs";
import { createInviteQueue } from "../../pkg/queue/index.mjs";
import { DEFAULT_MARGIN_MS } from "../../pkg/queue/limiter.mjs";
import { busiestWindow, invite, sendTimes, waitFor } from "../../tests/scale/helpers.mjs";
import { startRedis } from "../../tests/scale/redis.mjs";

const { values: args } = parseArgs({
  options: {
    invites: { type: "string", default: "2000" },
    rate: { type: "string", default: "100" },
    "per-minute": { type: "string", default: "1000" },
    rounds: { type: "string", default: "3" },
    part: { type: "string", default: "all" },
  },
});
const INVITES = Number(args.invites);
const RATE = Number(args.rate);
const PER_MINUTE = Number(args["per-minute"]);
const ROUNDS = Number(args.rounds);
const SECRET = "bench-scale-secret";
const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));
const FAR = { perSecond: 1_000_000, perMinute: 100_000_000 };

const redis = await startRedis();
const mock = await startMockServer({ clientSecret: SECRET });
const connection = redis.connection;
let runs = 0;

async function spawnWorker(config) {
  const child = spawn(process.execPath, [WORKER, JSON.stringify(config)], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (c) => {
    output += c;
  });
  await waitFor(() => output.includes("ready") || child.exitCode !== null, { what: "a worker", everyMs: 20 });
  if (child.exitCode !== null) throw new Error(`a worker exited with ${child.exitCode}`);
  return {
    async stop() {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
      return JSON.parse(output.trim().split("\n").at(-1));
    },
  };
}

async function redisCpuMicros(client) {
  const info = await client.info("cpu");
  const field = (name) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)[1]);
  return (field("used_cpu_user") + field("used_cpu_sys")) * 1e6;
}

/** Queues the invites the way `mode` does; returns the queue (to count) and the producer's CPU µs. */
async function enqueue(mode, name, payloads) {
  const cpu = process.cpuUsage();
  let queue;
  if (mode === "ours") {
    queue = createInviteQueue({ connection, name });
    await queue.addMany(payloads);
  } else {
    // Plain BullMQ: the payloads as they are, no validation, ids by BullMQ.
    const plain = new Queue(name, { connection });
    for (let i = 0; i < payloads.length; i += 500) {
      await plain.addBulk(payloads.slice(i, i + 500).map((data) => ({ name: "upsert", data })));
    }
    queue = { counts: () => plain.getJobCounts("completed", "failed"), close: () => plain.close(), queue: plain };
  }
  const used = process.cpuUsage(cpu);
  return { queue, producerMicros: used.user + used.system };
}

/** One run: queue `count` invites, start `workers` processes, wait for every job to finish. */
async function run({ mode, count, workers, rateLimit, limiter, concurrency = 8 }) {
  runs += 1;
  const name = `bench-${runs}`;
  mock.reset();
  const payloads = Array.from({ length: count }, (_, n) => invite(n, name));
  const { queue, producerMicros } = await enqueue(mode, name, payloads);
  const redisClient = await queue.queue.getBackend().client;
  const redisBefore = await redisCpuMicros(redisClient);
  const config = {
    mode,
    redisPort: redis.port,
    mockUrl: mock.url,
    secret: SECRET,
    name,
    rateLimit,
    limiter,
    concurrency,
  };
  const started = performance.now();
  const processes = await Promise.all(Array.from({ length: workers }, () => spawnWorker(config)));
  await waitFor(
    async () => {
      const c = await queue.counts();
      return c.completed + c.failed >= count;
    },
    { what: `${count} jobs`, guardMs: 600_000, everyMs: 50 },
  );
  const finished = performance.now();
  const stats = await Promise.all(processes.map((p) => p.stop()));
  const redisMicros = (await redisCpuMicros(redisClient)) - redisBefore;
  await queue.close();
  const sent = sendTimes(mock).sort((a, b) => a - b);
  const read = mock.requests.map((r) => r.started).sort((a, b) => a - b);
  return {
    count,
    drainMs: sent.at(-1) - sent[0],
    wallMs: finished - started,
    workerMicros: stats.reduce((sum, s) => sum + s.cpuMicros, 0),
    redisWrites: stats.reduce((sum, s) => sum + s.redisWrites, 0),
    lateSlots: stats.reduce((sum, s) => sum + (s.slots?.lateSlots ?? 0), 0),
    producerMicros,
    redisMicros,
    busiestSent: busiestWindow(sent, 1_000),
    busiestRead: busiestWindow(read, 1_000),
    busiestMinute: busiestWindow(sent, 60_000),
    requests: mock.requests.length,
  };
}

/** The time from the first to the last of `count` requests when they go at the limit's full
 * throughput: evenly at `perSecond` per second, and each minute's allowance as soon as the
 * sliding minute allows it. (With bursts inside a second, the last of 2,000 at 100/s could
 * go at 19 s instead of 19.99 s; such bursts are what jitter turns into a crowded second.) */
function allowedMs(count, perSecond, perMinute) {
  const times = [];
  for (let k = 0; k < count; k += 1) {
    let t = k > 0 ? times[k - 1] + 1_000 / perSecond : 0;
    if (perMinute && k >= perMinute) t = Math.max(t, times[k - perMinute] + 60_000);
    times.push(t);
  }
  return times.at(-1);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

// Warm-up: module loading, JIT and connections out of the first measured run.
for (const mode of ["bullmq", "ours"]) await run({ mode, count: 200, workers: 1, rateLimit: FAR });
if (args.part !== "drain") await overheadTable();
if (args.part !== "overhead") await drainTable();
await mock.close();
await redis.stop();

/** 1. Overhead per job. */
async function overheadTable() {
  const overhead = { ours: [], bullmq: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const mode of round % 2 === 0 ? ["bullmq", "ours"] : ["ours", "bullmq"]) {
      overhead[mode].push(await run({ mode, count: INVITES, workers: 1, rateLimit: FAR }));
    }
  }
  const perJob = (mode, field) => median(overhead[mode].map((r) => r[field] / r.count));
  console.log(
    `\n### Overhead per queued invite (${fmt(INVITES)} invites, 1 worker process, concurrency 8, limit far away; median of ${ROUNDS} rounds)\n`,
  );
  console.log("| per job | smart-invite/queue | plain BullMQ + the same client | ours / plain |");
  console.log("|---|---:|---:|---:|");
  for (const [label, field, digits] of [
    ["Redis round trips (worker)", "redisWrites", 2],
    ["worker CPU µs (send included)", "workerMicros", 0],
    ["producer CPU µs (add)", "producerMicros", 0],
    ["redis-server CPU µs", "redisMicros", 0],
  ]) {
    const ours = perJob("ours", field);
    const plain = perJob("bullmq", field);
    console.log(`| ${label} | ${fmt(ours, digits)} | ${fmt(plain, digits)} | ${fmt(ours / plain, 2)}x |`);
  }
  const wall = (mode) => median(overhead[mode].map((r) => r.count / (r.wallMs / 1_000)));
  console.log(
    `| jobs per second, start to drained | ${fmt(wall("ours"))} | ${fmt(wall("bullmq"))} | ${fmt(wall("ours") / wall("bullmq"), 2)}x |`,
  );
}

/** 2. Drain time at a limit, 3 worker processes. */
async function drainTable() {
  console.log(
    `\n### Drain time of ${fmt(INVITES)} invites through 3 worker processes at a limit (margin ${DEFAULT_MARGIN_MS} ms)\n`,
  );
  console.log(
    "| limit | limiter | first to last request | the limit allows | throughput vs the limit | busiest second (sent / read by the mock) | busiest minute | slots given up late |",
  );
  console.log("|---|---|---:|---:|---:|---:|---:|---:|");
  const cases = [
    { label: `${RATE}/s`, perSecond: RATE, mode: "ours", rateLimit: { perSecond: RATE, perMinute: 100_000_000 } },
    {
      label: `${RATE}/s`,
      perSecond: RATE,
      mode: "bullmq",
      limiter: { max: RATE, duration: 1_000 },
      name: `BullMQ limiter { max: ${RATE}, duration: 1000 }`,
    },
    {
      label: `${RATE}/s`,
      perSecond: RATE,
      mode: "bullmq",
      limiter: { max: 1, duration: Math.ceil(1_000 / RATE) },
      name: `BullMQ limiter { max: 1, duration: ${Math.ceil(1_000 / RATE)} }`,
    },
    {
      label: `${RATE}/s, ${PER_MINUTE}/min`,
      perSecond: RATE,
      perMinute: PER_MINUTE,
      mode: "ours",
      rateLimit: { perSecond: RATE, perMinute: PER_MINUTE },
    },
  ];
  for (const c of cases) {
    const r = await run({ mode: c.mode, count: INVITES, workers: 3, rateLimit: c.rateLimit, limiter: c.limiter });
    const allowed = allowedMs(INVITES, c.perSecond, c.perMinute);
    const over = r.busiestSent > c.perSecond ? " **over**" : "";
    console.log(
      `| ${c.label} | ${c.name ?? "smart-invite/queue"} | ${fmt(r.drainMs / 1_000, 2)} s | ${fmt(allowed / 1_000, 2)} s | ${fmt(allowed / r.drainMs, 3)} | ${r.busiestSent}${over} / ${r.busiestRead} | ${r.busiestMinute} | ${c.mode === "ours" ? r.lateSlots : "-"} |`,
    );
  }
  console.log(
    "\nthe limit allows = first to last request at the limit's full throughput (evenly at the per-second rate, each minute's allowance as soon as the sliding minute allows); throughput vs the limit = that time / the time taken (sent times).",
  );
}
