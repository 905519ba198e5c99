// Types of the Standard Schema of the invite payload (pkg/lib/schema.mjs).

import type { DataCenterId, Invite, InvitePayload, IssueKey } from "./core.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

export type { StandardJSONSchemaV1, StandardSchemaV1, StandardTypedV1 } from "./standard-schema.js";

/** One issue of a failed validation: our description as `message`, the field as an array of
 * keys (`["recipients", 1, "email"]`; `[]` for the whole payload), and our stable `key`. */
export interface InviteSchemaIssue extends StandardSchemaV1.Issue {
  readonly message: string;
  readonly path: ReadonlyArray<string | number>;
  readonly key: IssueKey;
}

/** What `inviteSchema["~standard"].validate` returns: the normalized invite, or the issues.
 * Synchronous: one validateInvite call. */
export type InviteSchemaResult =
  | StandardSchemaV1.SuccessResult<Invite>
  | { readonly issues: ReadonlyArray<InviteSchemaIssue> };

/** A Standard Schema (v1) of the invite payload, vendor "smart-invite": give it to
 * react-hook-form's `standardSchemaResolver`, Hono's `sValidator`, tRPC's `.input()`,
 * TanStack Form, Elysia, ... Warnings are not issues. */
export interface InviteSchema extends StandardSchemaV1<InvitePayload, Invite> {
  readonly "~standard": InviteSchemaProps;
}

/** The `~standard` properties of {@link InviteSchema}. */
export interface InviteSchemaProps extends StandardSchemaV1.Props<InvitePayload, Invite> {
  readonly vendor: "smart-invite";
  readonly validate: (value: unknown, options?: StandardSchemaV1.Options) => InviteSchemaResult;
}

/** The invite payload as a Standard Schema, for the default data center (us). In a browser,
 * `await init()` before the first validation. */
export declare const inviteSchema: InviteSchema;

/** The same schema for another data center (it names the organizer forwarding address in
 * warnings). Throws `SmartInviteError` kind "invalid_options" for an unknown data center. */
export declare function createInviteSchema(options?: { dataCenter?: DataCenterId }): InviteSchema;
