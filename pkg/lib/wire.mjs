// The one place where an instantiated build meets the package's JS. Every entry loads its
// build's .wasm the way its runtime allows, then calls wire() once with the glue module; the
// pieces only some builds need come in as options, so that a page's bundle leaves out what it
// does not use (the tape decoder: lib/tape.mjs; the client's upsertMany: lib/client.mjs).
//
//   browser page      lib/browser.mjs       wire(glue)
//   page, initFull()  lib/browser-full.mjs  wire(full, { validator: false, client })
//   Node, Bun         lib/node.mjs          wire(core, { decoder }); on first use of the rest:
//                                           wire(full, { validator: false, decoder, client, fetch })
//   Deno, workerd     lib/deno.mjs, …       wire(full, { decoder, client })

import { SmartInviteError } from "./error.mjs";
import { useValidator } from "./schema.mjs";

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
 * Hands an instantiated glue module the JS pieces it calls: the error class, the JSON helper,
 * and as asked, a tape decoder for its results (`decoder`: the factory of lib/tape.mjs), the
 * client's additions (`client`: lib/client.mjs's, with the runtime's own `fetch` where it has
 * one), and its `__standardValidate` for the Standard Schema (`validator`, unless another build
 * of the same program already serves it). Returns the glue.
 */
export function wire(glue, { validator = true, decoder, client, fetch } = {}) {
  glue.__setErrorClass(SmartInviteError);
  glue.__setStringify(stringify);
  if (decoder) glue.__setDecoder(decoder());
  if (client) client(glue, fetch);
  if (validator) useValidator(glue.__standardValidate);
  return glue;
}
