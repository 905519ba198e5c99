// Node and Bun, `import`, and bundlers that build for Node (esbuild --platform=node, webpack,
// Turbopack: Next.js server code): instantiated synchronously, so no init() call is needed.
// init() and initFull() resolve at once, for code shared with browsers. The package's entry,
// lib/node.mjs, re-exports this file bundled with what it imports (gen/server.mjs, written by
// pkg/scripts/build.mjs): one module instead of ten, 4 to 5 ms less of the first call after
// import in Node, whose ES module loader resolves and links each file on its own.
//
// At import this instantiates the server build's core alone (gen/core/: validate, normalize,
// zones, data centers); the full server build (gen/: the client, callbacks, email) is
// instantiated synchronously the first time one of those is used (lib/server-full.mjs), so the
// first validateInvite() does not wait for code it does not run (docs/package.md).
//
// Where the .wasm files come from is the package's `#server-wasm` import: Node reads the files
// next to the glue (lib/wasm-file.mjs), while a bundler, which resolves the `module` condition
// that Node never does, gets the bytes embedded in the JavaScript (gen/wasm-embedded.mjs): a
// bundle runs without the package's files beside it. Node itself never loads the embedded
// copies, which are slower to load (bench/runtimes). Keeping one entry for both lets a tool that
// resolves with `module` but deploys for Node (Nitro's file tracing) copy the files Node will load.

import { coreWasm, fullWasm } from "#server-wasm";
import * as core from "../gen/core/smart_invite.js";
import * as full from "../gen/smart_invite.js";
import { defaultFetch } from "./node-http.mjs";
import { useFull } from "./server-full.mjs";
import { registerServer } from "./setup.mjs";
import { registerClient } from "./setup-client.mjs";

core.initSync({ module: coreWasm });
registerServer(core);
useFull(() => {
  full.initSync({ module: fullWasm() });
  registerServer(full, false);
  // The client sends through node:http here (a third of the CPU of Node 20's fetch per call).
  registerClient(full, defaultFetch);
  return full;
});

export * from "../gen/api-core.mjs";
export { SmartInviteError } from "./error.mjs";
export { createInviteSchema, inviteSchema } from "./schema.mjs";

export async function init() {}
export async function initFull() {}
