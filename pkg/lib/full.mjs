// The rest of the package in a page. The browser build holds what a form needs (validate,
// normalize, zones, suggestions, data centers); the client, the callback helpers and the email
// are in the server build, which a page downloads only when it asks for it with
// `await initFull()`. Until then the browser entry's stand-ins for them (gen/browser/api.mjs,
// written by pkg/scripts/build.mjs) throw a SmartInviteError that says so.

import { SmartInviteError } from "./error.mjs";
import { register } from "./setup.mjs";

let full;
let loading;

/**
 * Loads the server build into the page (once; later calls share the first). `input` is what
 * init() takes, for the server build's .wasm; by default the file in the package, which Vite,
 * webpack and Turbopack copy into the app's assets.
 */
export function initFull(input) {
  loading ??= import("./browser-full.mjs")
    .then((module) => module.load(input))
    .then(
      (glue) => {
        // The error class and the JSON helper; the Standard Schema keeps the browser build's
        // validateInvite, which gives the same results.
        register(glue, false);
        full = glue;
      },
      (error) => {
        loading = undefined;
        throw error;
      },
    );
  return loading;
}

/** The server build's glue once initFull() has loaded it, else undefined. */
export const loadedFull = () => full;

/** The server build's glue, for a stand-in of `name`; throws until initFull() has loaded it. */
export function requireFull(name) {
  if (full) return full;
  throw new SmartInviteError(
    `${name} is not in the browser build: call \`await initFull()\` once before using it (it loads the rest of the package)`,
    { kind: "invalid_options" },
  );
}
