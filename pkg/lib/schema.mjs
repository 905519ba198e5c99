// Standard Schema v1 (https://standardschema.dev) over the validator: the interface that
// react-hook-form, TanStack Form, tRPC, Hono and Elysia take from zod, valibot or arktype, so
// they take an invite schema with no adapter. The core builds the whole result
// (`__standardValidate`, src/wasm/core.rs): `{ value }` or `{ issues }`, each issue's path as
// the segments of its field path, read by the core that wrote it; warnings are not issues. Each
// validate is one crossing into wasm. wire.mjs hands that export over when an entry registers
// its instantiated glue, so every entry shares this file.

import { SmartInviteError } from "./error.mjs";

let standardValidate;

/** Called by `wire` (wire.mjs) with the glue's __standardValidate. */
export function useValidator(validate) {
  standardValidate = validate;
}

function loaded() {
  if (!standardValidate) {
    throw new SmartInviteError("smart-invite is not loaded yet: call `await init()` once before validating.", {
      kind: "invalid_options",
    });
  }
  return standardValidate;
}

/**
 * A Standard Schema of the invite payload for a data center (it names the organizer forwarding
 * address in warnings). Throws `SmartInviteError` kind "invalid_options" for an unknown data
 * center (at once when the wasm module is loaded, else at the first validation).
 */
export function createInviteSchema(settings) {
  const dataCenter = settings?.dataCenter;
  const options = dataCenter === undefined ? undefined : { dataCenter };
  if (standardValidate) standardValidate({}, options);
  const validate = (value) => loaded()(value, options);
  return Object.freeze({ "~standard": Object.freeze({ version: 1, vendor: "smart-invite", validate }) });
}

/** The invite payload as a Standard Schema, for the default data center (us). */
export const inviteSchema = createInviteSchema();
