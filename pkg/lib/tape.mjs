// The tape decoder of the server builds' results (feature perf-values, src/wasm/tape.rs, which
// lists the ops): measured faster than JSON.parse of their JSON text (docs/package.md). Only the
// server entries pass it to wire(); a page's bundle leaves it out, as the browser build has no
// tapes.

/**
 * A decoder for the results of one wasm module (src/wasm/tape.rs, which lists the ops): the
 * tape (a Uint32Array) says what to build, with texts sliced from one string. Field names come
 * once with a number and are kept here. It builds what JSON.parse builds from serde_json's text:
 * a key that objects inherit (`__proto__`, `constructor`) or one met twice is defined as an own
 * field, never assigned.
 */
export function tapeDecoder() {
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
