// Types of `smart-invite/json-schema` (pkg/lib/json-schema.mjs): JSON Schemas of the payload and
// of the normalized invite. Not re-exported by index.d.ts: the subpath is a module of its own.

import type { JsonSchemaTarget } from "../gen/types/definitions.js";
import type { Invite, InvitePayload } from "./core.js";
import type { StandardJSONSchemaV1 } from "./standard-schema.js";

export type { JsonSchemaTarget };

/** A JSON Schema document. */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of the invite payload (what validateInvite takes), a new object each call.
 * Throws for a target other than "draft-2020-12" or "draft-07". */
export declare function inviteJsonSchema(options?: { target?: JsonSchemaTarget }): JsonSchema;

/** The JSON Schema of the normalized invite (what validateInvite gives: the request body). */
export declare function normalizedInviteJsonSchema(options?: { target?: JsonSchemaTarget }): JsonSchema;

/** The same schemas as Standard JSON Schema v1: `~standard.jsonSchema.input({ target })` is
 * the payload's, `output({ target })` the normalized invite's. */
export declare const inviteStandardJsonSchema: StandardJSONSchemaV1<InvitePayload, Invite> & {
  readonly "~standard": { readonly vendor: "smart-invite" };
};
