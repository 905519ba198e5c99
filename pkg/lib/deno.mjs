// Deno: the .wasm comes in through the module graph (`import source`), so the core needs no
// permission flags (reading the file or fetching it would need --allow-read).

import source wasmModule from "../gen/smart_invite_bg.wasm";
import { initSync } from "../gen/smart_invite.js";
import { registerClasses } from "./setup.mjs";

initSync({ module: wasmModule });
registerClasses();

export * from "../gen/api.mjs";
export { SmartInviteError } from "./error.mjs";

export async function init() {}
