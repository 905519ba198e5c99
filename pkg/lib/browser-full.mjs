// The rest of the package in a page. The browser build holds what a form needs (validate,
// normalize, zones, suggestions, data centers); the client, the callback helpers and the email
// are in the full build, which a page downloads only when it asks for it with
// `await initFull()`. Until then the browser entry's stand-ins for them (gen/browser/api.mjs,
// written by pkg/scripts/build.mjs) throw a SmartInviteError that says so.

import { SmartInviteError } from "./error.mjs";
import { standIns } from "./stand-ins.mjs";
import { wire } from "./wire.mjs";

let full;
let loading;

/**
 * Loads the full build into the page (once; later calls share the first). `input` is what
 * init() takes, for the full build's .wasm; by default the file in the package, which Vite,
 * webpack and Turbopack copy into the app's assets.
 */
export function initFull(input) {
  loading ??= import("./browser-full-load.mjs")
    .then(async ({ load, client }) => {
      // The Standard Schema keeps the browser build's validator, which gives the same results.
      full = wire(await load(input), { validator: false, client });
    })
    .catch((error) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** The page's stand-ins for the full build's names (gen/browser/api.mjs): they throw until initFull(). */
export const fullStandIns = standIns((name) => {
  if (full) return full;
  throw new SmartInviteError(
    `${name} is not in the browser build: call \`await initFull()\` once before using it (it loads the rest of the package)`,
    { kind: "invalid_options" },
  );
});
