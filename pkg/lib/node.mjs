// Node and Bun (`import` and, through gen/cjs/gen/node.cjs, `require`), and bundlers that build
// for Node (esbuild --platform=node, webpack, Turbopack: Next.js server code): instantiated
// synchronously, so no init() call is needed; init() and initFull() resolve at once, for code
// shared with browsers. pkg/scripts/build.mjs bundles this file with what it imports into the
// entry the package exports, gen/node.mjs: one module instead of ten, 4 to 5 ms less of the
// first call after import in Node, whose ES module loader resolves and links each file on its own.
//
// At import this instantiates the core build alone (gen/core/: validate, normalize, zones, data
// centers); the full build (gen/: the client, callbacks, email) is instantiated synchronously the
// first time one of those is used (lib/node-full.mjs), so the first validateInvite() does not
// wait for code it does not run (docs/package.md).
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
import { client } from "./client.mjs";
import { useFull } from "./node-full.mjs";
// The client sends through node:http here (a third of the CPU of Node 20's fetch per call).
import { defaultFetch as fetch } from "./node-http.mjs";
import { tapeDecoder as decoder } from "./tape.mjs";
import { wire } from "./wire.mjs";

core.initSync({ module: coreWasm });
wire(core, { decoder });
useFull(() => {
  full.initSync({ module: fullWasm() });
  return wire(full, { validator: false, decoder, client, fetch });
});

export * from "../gen/node-api.mjs";
export { SmartInviteError } from "./error.mjs";
export { createInviteSchema, inviteSchema } from "./schema.mjs";

export async function init() {}
export async function initFull() {}
