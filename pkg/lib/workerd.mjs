// Cloudflare workerd (and other `worker` runtimes): the .wasm is imported as a compiled
// WebAssembly.Module, since compiling from bytes is refused there and import.meta.url is unset.

import * as glue from "../gen/smart_invite.js";
import wasmModule from "../gen/smart_invite_bg.wasm";
import { registerServer } from "./setup.mjs";
import { registerClient } from "./setup-client.mjs";

glue.initSync({ module: wasmModule });
registerServer(glue);
registerClient(glue);

export * from "../gen/api.mjs";
export { SmartInviteError } from "./error.mjs";
export { createInviteSchema, inviteSchema } from "./schema.mjs";

export async function init() {}
export async function initFull() {}
