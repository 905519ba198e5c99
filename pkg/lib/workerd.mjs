// Cloudflare workerd (and runtimes that name `worker` but not `browser`): the .wasm is imported as a compiled
// WebAssembly.Module, since compiling from bytes is refused there and import.meta.url is unset.

import * as glue from "../gen/smart_invite.js";
import wasmModule from "../gen/smart_invite_bg.wasm";
import { client } from "./client.mjs";
import { tapeDecoder as decoder } from "./tape.mjs";
import { wire } from "./wire.mjs";

glue.initSync({ module: wasmModule });
wire(glue, { decoder, client });

export * from "../gen/api.mjs";
export { SmartInviteError } from "./error.mjs";
export { createInviteSchema, inviteSchema } from "./schema.mjs";

export async function init() {}
export async function initFull() {}
