// What the entries of the server build add for the client, after lib/setup.mjs's register():
// upsertMany on SmartInviteClient, and the runtime's own transport where it has one (Node:
// lib/node-http.mjs). Kept apart so that a page that only validates does not load it.

import { upsertManyWith } from "./bulk.mjs";

/** Adds upsertMany to the glue's SmartInviteClient and hands it `defaultFetch`, if given. */
export function registerClient(glue, defaultFetch) {
  if (defaultFetch) glue.__setDefaultFetch(defaultFetch);
  glue.SmartInviteClient.prototype.upsertMany = upsertManyWith(glue.validateInvite);
}
