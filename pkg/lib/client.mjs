// What a build with the client adds to it in JS, through wire()'s `client` option: upsertMany
// on SmartInviteClient, and the runtime's own transport where it has one (Node:
// lib/node-http.mjs). Kept apart so that a page that only validates does not load it.

/** Adds upsertMany to the glue's SmartInviteClient and hands it `fetch`, if given. */
export function client(glue, fetch) {
  if (fetch) glue.__setDefaultFetch(fetch);
  let bulk;
  // lib/bulk.mjs loads on the first call, not at import: the first validateInvite does not
  // need it, and upsertMany returns a promise anyway.
  glue.SmartInviteClient.prototype.upsertMany = async function upsertMany(invites, options) {
    bulk ??= (await import("./bulk.mjs")).upsertMany;
    return bulk.call(this, invites, options);
  };
}
