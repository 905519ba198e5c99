#!/usr/bin/env node
// smart-invite-mock: runs the local mock of the Smart Invites API until interrupted.
//
//   smart-invite-mock --port 8787 [--host 127.0.0.1] [--client-secret S] [--data-center uk]
//                     [--fault-rate 0.1] [--seed 1] [--rate-limit 50/s,500/min] [--quiet]

import { parseArgs } from "node:util";
import { parseRate } from "../cli/rate.mjs";
import { startMockServer } from "./server.mjs";

const USAGE = `Usage: smart-invite-mock [--port 8787] [--host 127.0.0.1] [--client-secret SECRET]
                         [--data-center us|uk|de|au|ca|sg] [--fault-rate 0..1] [--seed N]
                         [--rate-limit 50/s,500/min] [--quiet]

A local mock of the Cronofy Smart Invites API (POST/GET /v1/smart_invites) with control
endpoints under /_mock/ (reply, faults, invites, requests, reset). The client secret defaults
to $SMART_INVITE_MOCK_SECRET, then "mock-client-secret". --rate-limit answers 429 with
Retry-After beyond the limits it names, as Cronofy does beyond 50/s and 500/min (off by default).`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      "client-secret": { type: "string" },
      "data-center": { type: "string", default: "us" },
      "fault-rate": { type: "string", default: "0" },
      seed: { type: "string", default: "1" },
      "rate-limit": { type: "string", default: "off" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${args.port}".`);
  process.exit(2);
}

try {
  const rateLimit = parseRate(args["rate-limit"]);
  const mock = await startMockServer({
    port,
    host: args.host,
    clientSecret: args["client-secret"] ?? process.env.SMART_INVITE_MOCK_SECRET ?? "mock-client-secret",
    dataCenter: args["data-center"],
    faultRate: Number(args["fault-rate"]),
    seed: Number(args.seed),
    rateLimit,
    log: args.quiet ? () => {} : (line) => console.error(line),
  });
  console.log(`smart-invite mock API listening on ${mock.url} (POST/GET /v1/smart_invites, control under /_mock/)`);
  const stop = async () => {
    await mock.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(`smart-invite-mock: ${error.message}`);
  process.exit(1);
}
