// The full build instantiated in a page, loaded by initFull() (lib/browser-full.mjs) with
// import(), so that a page that only validates never downloads it. initFull() wires it with the
// wire() already in the page's bundle: importing lib/wire.mjs here would load a second copy of it
// and of the Standard Schema.
import * as glue from "../gen/smart_invite.js";

export { client } from "./client.mjs";

export async function load(input) {
  // A URL bundlers follow: they copy the full build's .wasm into the app's assets.
  await glue.default({ module_or_path: input ?? new URL("../gen/smart_invite_bg.wasm", import.meta.url) });
  return glue;
}
