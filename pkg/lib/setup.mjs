// What every entry does once the wasm module is instantiated: hand it the JS pieces it uses.
// Written against the glue's exports only, so every entry shares it.
// The client's pieces are in lib/setup-client.mjs, which a page loads only with the full build.

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
 * Registers the error class and the JSON helper with an instantiated glue module, and its
 * validateInvite with the Standard Schema unless `schema` is false.
 */
export function register(glue, schema = true) {
  glue.__setErrorClass(SmartInviteError);
  glue.__setStringify(stringify);
  if (schema) useValidator(glue.validateInvite);
}

/**
 * What the server entries do with a server build (lib/server.mjs, deno.mjs,
 * workerd.mjs): register() it, and hand it a tape decoder for its results, which builds them in
 * less time than JSON.parse of their text (docs/package.md). Not in pages: the browser build has
 * no tapes, and the browser entry's bundle leaves this out.
 */
export function registerServer(glue, schema = true) {
  register(glue, schema);
  glue.__setDecoder(tapeDecoder());
}

/**
 * A decoder for the results of one wasm module (src/wasm/tape.rs, which lists the ops): the
 * tape (a Uint32Array) says what to build, with texts sliced from one string. Field names come
 * once with a number and are kept here. It builds what JSON.parse builds from serde_json's text:
 * a key that objects inherit (`__proto__`, `constructor`) or one met twice is defined as an own
 * field, never assigned.
 */
function tapeDecoder() {
  const names = [];
  let tape;
  let texts;
  let at;
  const text = () => {
    const start = tape[at++];
    return texts.slice(start, start + tape[at++]);
  };
  const set = (object, key) => {
    if (key in object) {
      Object.defineProperty(object, key, { value: value(), writable: true, enumerable: true, configurable: true });
    } else object[key] = value();
  };
  function value() {
    switch (tape[at++]) {
      case 0:
        return null;
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return Number(text());
      case 4:
        return text();
      case 5: {
        const array = [];
        while (tape[at] !== 7) array.push(value());
        at++;
        return array;
      }
      case 6: {
        const object = {};
        for (let op = tape[at++]; op !== 7; op = tape[at++]) {
          if (op === 8) object[names[tape[at++]]] = value();
          else if (op === 9) {
            const number = tape[at++];
            names[number] = text();
            object[names[number]] = value();
          } else set(object, text());
        }
        return object;
      }
      default:
        throw new Error(`smart-invite: no such op in a result's tape: ${tape[at - 1]}`);
    }
  }
  return (ops, strings) => {
    tape = ops;
    texts = strings;
    at = 0;
    try {
      return value();
    } finally {
      // Neither the view into wasm memory nor the texts outlive the call.
      tape = texts = undefined;
    }
  };
}
