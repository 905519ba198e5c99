// Browsers and bundlers: `await init()` once before anything else. With no argument it
// fetches the browser build's .wasm next to its glue (`new URL(..., import.meta.url)`, which
// bundlers follow); it also takes a URL or string, a Response, bytes, or a compiled
// WebAssembly.Module. The browser build is the one built for size (gen/browser/).

import * as glue from "../gen/browser/smart_invite.js";
import { wire } from "./wire.mjs";

export * from "../gen/browser/api.mjs";
export { initFull } from "./browser-full.mjs";
export { SmartInviteError } from "./error.mjs";
export { createInviteSchema, inviteSchema } from "./schema.mjs";

let ready;

export function init(input) {
  ready ??= glue.default(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      wire(glue);
    },
    (error) => {
      ready = undefined;
      throw error;
    },
  );
  return ready;
}
