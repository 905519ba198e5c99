// Deno: the .wasm comes in through the module graph (`import source`), so the core needs no
// permission flags (reading the file or fetching it would need --allow-read).

import * as glue from "../gen/smart_invite.js";
import source wasmModule from "../gen/smart_invite_bg.wasm";
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
