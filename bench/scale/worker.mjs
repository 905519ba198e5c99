// One worker process of the scale benchmark (bench/scale/bench.mjs):
//   node worker.mjs '{"mode":"ours"|"bullmq","redisPort":..,"mockUrl":..,"secret":..,"name":..,
//                     "rateLimit":{..}?,"limiter":{max,duration}?,"concurrency":8}'
// "ours" is startInviteWorker (the shared Redis limiter); "bullmq" is a plain BullMQ Worker
// sending with the same client, with BullMQ's own `limiter` when given. Each request carries
// its send time (X-Mock-Sent-At). On SIGTERM it prints its CPU time and the writes it made to
// Redis sockets (each write is a round trip: ioredis writes a pipeline at once), then exits.

import net from "node:net";
import { Worker } from "bullmq";
import { SmartInviteClient } from "../../pkg/gen/node.mjs";
import { startInviteWorker } from "../../pkg/queue/index.mjs";
import { stampedFetch } from "../../tests/scale/helpers.mjs";

const config = JSON.parse(process.argv[2]);

let redisWrites = 0;
const write = net.Socket.prototype.write;
net.Socket.prototype.write = function countedWrite(...args) {
  if (this.remotePort === config.redisPort) redisWrites += 1;
  return write.apply(this, args);
};

const connection = { host: "127.0.0.1", port: config.redisPort, maxRetriesPerRequest: null };
const clientOptions = { clientSecret: config.secret, baseUrl: config.mockUrl, fetch: stampedFetch, timeoutMs: 10_000 };

let close;
let slotCounts = () => undefined;
if (config.mode === "ours") {
  const handle = startInviteWorker({
    connection,
    name: config.name,
    client: clientOptions,
    rateLimit: config.rateLimit,
    concurrency: config.concurrency,
  });
  await handle.ready;
  close = () => handle.close();
  slotCounts = handle.slotCounts;
} else {
  const client = new SmartInviteClient({ ...clientOptions, maxRetries: 0, rateLimit: false });
  const worker = new Worker(config.name, (job) => client.upsert(job.data), {
    connection,
    concurrency: config.concurrency,
    ...(config.limiter ? { limiter: config.limiter } : {}),
  });
  await worker.waitUntilReady();
  close = () => worker.close();
}

const cpuAtStart = process.cpuUsage();
const writesAtStart = redisWrites;
console.log("ready");
process.on("SIGTERM", async () => {
  const cpu = process.cpuUsage(cpuAtStart);
  const writes = redisWrites - writesAtStart;
  await close();
  console.log(JSON.stringify({ cpuMicros: cpu.user + cpu.system, redisWrites: writes, slots: slotCounts() }));
  process.exit(0);
});
