// `smart-invite/json-schema`: JSON Schemas of the invite payload (what validateInvite takes)
// and of the normalized invite (what it gives), for OpenAPI documents and LLM tool calling.
// A subpath of its own that loads no wasm, so a page that only validates never downloads it.
//
// The schemas are the core's (src/schema/), generated from its types at build time. They say
// what JSON Schema can: types, required fields, one of recipient/recipients, the event for
// `request`, the forbidden attendees and conferencing, lengths, enums and the forms of times.
// What it cannot say (DST gaps, known zone ids, start before end, ...) is listed in
// docs/schema.md; validateInvite checks all of it.

import { SCHEMAS } from "../gen/definitions.mjs";

/** A new copy of the schema of the payload (`output` false) or of the normalized invite (true). */
function build(target = "draft-2020-12", { output = false } = {}) {
  if (!Object.hasOwn(SCHEMAS, target)) {
    throw new Error(
      `smart-invite has no JSON Schema for target ${JSON.stringify(String(target))}; use one of: ${Object.keys(SCHEMAS).join(", ")}.`,
    );
  }
  return structuredClone(output ? SCHEMAS[target].invite : SCHEMAS[target].payload);
}

/**
 * The JSON Schema of the invite payload, a new object each call. `target` is
 * "draft-2020-12" (the default, as OpenAPI 3.1 uses) or "draft-07".
 */
export function inviteJsonSchema(options) {
  return build(options?.target);
}

/** The JSON Schema of the normalized invite (validateInvite's `invite`, the request body). */
export function normalizedInviteJsonSchema(options) {
  return build(options?.target, { output: true });
}

/** Standard JSON Schema v1 (https://standardschema.dev): for tools that take
 * `~standard.jsonSchema.input({ target })`. */
export const inviteStandardJsonSchema = Object.freeze({
  "~standard": Object.freeze({
    version: 1,
    vendor: "smart-invite",
    jsonSchema: Object.freeze({
      input: (options) => build(options?.target),
      output: (options) => build(options?.target, { output: true }),
    }),
  }),
});
