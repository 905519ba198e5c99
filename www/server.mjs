#!/usr/bin/env node
// `make demo` runs this: the demo page, the mock of the API and the SMTP sink, all on
// 127.0.0.1, until Ctrl-C.
//
//   node www/server.mjs [--port 8788]
//
// With CRONOFY_CLIENT_SECRET and CRONOFY_DATA_CENTER set, invites go to that Cronofy data
// center instead of the mock (the secret stays in this process; the page never sees it).

import { parseArgs } from "node:util";
import { startDemo } from "./server/demo.mjs";

const USAGE = "Usage: node www/server.mjs [--port 8788] [--quiet]";
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: "string", default: process.env.DEMO_PORT ?? "8788" },
      quiet: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${args.port}".`);
  process.exit(2);
}

let demo;
try {
  demo = await startDemo({ port, log: args.quiet ? () => {} : (line) => console.log(`  ${line}`) });
} catch (error) {
  const hint = error.code === "EADDRINUSE" ? ` Port ${port} is taken: try make demo DEMO_PORT=${port + 1}.` : "";
  console.error(`demo: ${error.message}${hint}`);
  process.exit(1);
}

const target =
  demo.mode === "mock"
    ? `the local mock of the API at ${demo.mockUrl}`
    : `Cronofy (${process.env.CRONOFY_DATA_CENTER})`;
console.log(`
  smart-invite demo:  ${demo.url}

  invites go to       ${target}
  emails go to        the local SMTP sink at ${demo.mailboxUrl}
  Ctrl-C stops everything.
`);

let stopping = false;
async function stop() {
  if (stopping) process.exit(1);
  stopping = true;
  await demo.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
