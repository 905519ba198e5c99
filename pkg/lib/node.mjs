// Node and Bun, `import`: instantiated synchronously from the .wasm next to the glue, so no
// init() call is needed. init() resolves at once, for code shared with browsers.

import { readFileSync } from "node:fs";
import * as glue from "../gen/smart_invite.js";
import { defaultFetch } from "./node-http.cjs";
import { register } from "./setup.mjs";

glue.initSync({ module: readFileSync(new URL("../gen/smart_invite_bg.wasm", import.meta.url)) });
register(glue);
// The client sends through node:http here (a third of the CPU of Node 20's fetch per call).
if (defaultFetch) glue.__setDefaultFetch(defaultFetch);

export * from "../gen/api.mjs";
export { SmartInviteError } from "./error.mjs";
export { createInviteSchema, inviteSchema } from "./schema.mjs";

export async function init() {}
