// The full build in Node and Bun, loaded on first use: at import the Node entry (lib/node.mjs)
// instantiates the core build alone (validate, normalize, zones, data centers), a third of the
// full build's code, which compiles in a third of the time; the client, the callback helpers and
// the email live in the full build, instantiated synchronously by the loader the entry hands to
// useFull() the first time one of them is used, through the stand-ins below. The mock shares it.

import { standIns } from "./stand-ins.mjs";

let load;
let full;

/** Sets the function that instantiates the full build and returns its glue. */
export function useFull(loader) {
  load = loader;
}

/** The full build's glue, instantiated on the first call. */
export function fullBuild() {
  full ??= load();
  return full;
}

/** The Node entry's stand-ins for the full build's names (gen/node-api.mjs). */
export const fullStandIns = standIns(fullBuild);
