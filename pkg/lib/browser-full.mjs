// The server build instantiated in a page, for lib/full.mjs (loaded by import() on request).
import * as glue from "../gen/smart_invite.js";
import { register } from "./setup.mjs";
import { registerClient } from "./setup-client.mjs";

export async function load(input) {
  // A URL bundlers follow: they copy the server build's .wasm into the app's assets.
  await glue.default({ module_or_path: input ?? new URL("../gen/smart_invite_bg.wasm", import.meta.url) });
  register(glue);
  registerClient(glue);
  return glue;
}
