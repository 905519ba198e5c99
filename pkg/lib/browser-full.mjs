// The server build instantiated in a page, for lib/full.mjs (loaded by import() on request),
// which registers it with the setup already in the page's bundle: importing lib/setup.mjs here
// would load a second copy of it and of the Standard Schema.
import * as glue from "../gen/smart_invite.js";
import { registerClient } from "./setup-client.mjs";

export async function load(input) {
  // A URL bundlers follow: they copy the server build's .wasm into the app's assets.
  await glue.default({ module_or_path: input ?? new URL("../gen/smart_invite_bg.wasm", import.meta.url) });
  registerClient(glue);
  return glue;
}
