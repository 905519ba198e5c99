// Node and Bun, `import`, and bundlers that build for Node (esbuild --platform=node, webpack,
// Turbopack: Next.js server builds): instantiated synchronously, so no init() call is needed.
// init() resolves at once, for code shared with browsers.
//
// Where the server build's .wasm comes from is the package's `#server-wasm` import: Node reads
// the file next to the glue (lib/wasm-file.mjs), while a bundler, which resolves the `module`
// condition that Node never does, gets the bytes embedded in the JavaScript
// (gen/wasm-embedded.mjs): a bundle runs without the package's files beside it. Node itself
// never loads the embedded copy, which is slower to load (bench/runtimes). Keeping one entry for
// both lets a tool that resolves with `module` but deploys for Node (Nitro's file tracing) copy
// the files Node will load.

import wasmBytes from "#server-wasm";
import * as glue from "../gen/smart_invite.js";
import { defaultFetch } from "./node-http.mjs";
import { register } from "./setup.mjs";
import { registerClient } from "./setup-client.mjs";

glue.initSync({ module: wasmBytes });
register(glue);
// The client sends through node:http here (a third of the CPU of Node 20's fetch per call).
registerClient(glue, defaultFetch);

export * from "../gen/api.mjs";
export { SmartInviteError } from "./error.mjs";
export { createInviteSchema, inviteSchema } from "./schema.mjs";

export async function init() {}
export async function initFull() {}
