// Deno: the .wasm comes in through the module graph (`import source`), so the core needs no
// permission flags (reading the file or fetching it would need --allow-read).

import * as glue from "../gen/smart_invite.js";
import source wasmModule from "../gen/smart_invite_bg.wasm";
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
