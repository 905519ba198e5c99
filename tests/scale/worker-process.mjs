// One invite worker in a process of its own, as a machine of a real deployment would run it:
//   node worker-process.mjs '{"redisPort":...,"mockUrl":...,"secret":...,"name":...,"rateLimit":...}'
// Prints "ready" once it takes jobs, and "429 EPOCH_MS" when its client reads a 429; closes
// cleanly on SIGTERM.
//
// Its transport stamps each request with the time it leaves (X-Mock-Sent-At), so that the mock
// can tell the traffic on the wire from its own delays in reading it on a busy machine.

import { startInviteWorker } from "../../pkg/queue/index.mjs";
import { onRateLimited, stampedFetch } from "./helpers.mjs";

const config = JSON.parse(process.argv[2]);
const handle = startInviteWorker({
  connection: { host: "127.0.0.1", port: config.redisPort, maxRetriesPerRequest: null },
  name: config.name,
  client: { clientSecret: config.secret, baseUrl: config.mockUrl, timeoutMs: 5_000, fetch: stampedFetch },
  rateLimit: config.rateLimit,
  concurrency: config.concurrency ?? 8,
  lockDurationMs: config.lockDurationMs,
  stalledIntervalMs: config.stalledIntervalMs,
});
onRateLimited((at) => console.log(`429 ${at}`));
handle.worker.on("error", (error) => console.error(`worker error: ${error.message}`));
await handle.ready;
console.log("ready");
process.on("SIGTERM", async () => {
  await handle.close();
  process.exit(0);
});
