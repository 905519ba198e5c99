// What every entry does once the wasm module is instantiated: hand it the JS pieces it uses.
// Written against the glue's exports only, so the CommonJS entry shares it (gen/setup.cjs).
// The client's pieces are in lib/setup-client.mjs, which a page loads only with the full build.

import { SmartInviteError } from "./error.mjs";
import { useValidator } from "./schema.mjs";

// Re-exported for the CommonJS entry, which gets this file bundled as gen/setup.cjs.
export { createInviteSchema, inviteSchema } from "./schema.mjs";
export { SmartInviteError };

/** A message for anything thrown, without letting a hostile value throw again. */
function describe(thrown) {
  try {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return typeof message === "string" ? message : "";
  } catch {
    return "";
  }
}

/**
 * JSON.stringify that never throws: text, `undefined`, or `{ message }` for cyclic objects,
 * BigInt, throwing getters or toJSON. An exception must not cross into wasm: each one thrown
 * through a wasm-bindgen `catch` import leaks a table slot.
 */
function stringify(value) {
  try {
    return JSON.stringify(value);
  } catch (thrown) {
    return { message: describe(thrown) };
  }
}

/**
 * Registers the error class and the JSON helper with an instantiated glue module, and its
 * validateInvite with the Standard Schema.
 */
export function register(glue) {
  glue.__setErrorClass(SmartInviteError);
  glue.__setStringify(stringify);
  useValidator(glue.validateInvite);
}
