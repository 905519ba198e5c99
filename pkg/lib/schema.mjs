// Standard Schema v1 (https://standardschema.dev) over validateInvite: the interface that
// react-hook-form, TanStack Form, tRPC, Hono and Elysia take from zod, valibot or arktype, so
// they take an invite schema with no adapter. Each validate is one validateInvite call (one
// crossing into wasm); warnings are not issues. wire.mjs hands over validateInvite when an
// entry registers its instantiated glue, so every entry shares this file.

import { SmartInviteError } from "./error.mjs";

let validateInvite;

/** Called by `wire` (wire.mjs) with the glue's validateInvite. */
export function useValidator(validate) {
  validateInvite = validate;
}

/** `recipients[1].email` → `["recipients", 1, "email"]`; `""` (the whole payload) → `[]`. */
function toPath(field) {
  const path = [];
  for (const [, key, index] of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    path.push(index === undefined ? key : Number(index));
  return path;
}

function check(options) {
  if (!validateInvite) {
    throw new SmartInviteError("smart-invite is not loaded yet: call `await init()` once before validating.", {
      kind: "invalid_options",
    });
  }
  // A JSON text, which validateInvite would read, is a string to a schema: it gets the
  // validator's own "must be an object" issue instead.
  return (value) => {
    const result = validateInvite(typeof value === "string" ? JSON.stringify(value) : value, options);
    const wrongOption = result.ok ? undefined : result.errors["options.dataCenter"];
    if (wrongOption) throw new SmartInviteError(wrongOption[0].description, { kind: "invalid_options" });
    return result;
  };
}

/**
 * A Standard Schema of the invite payload for a data center (it names the organizer forwarding
 * address in warnings). Throws `SmartInviteError` kind "invalid_options" for an unknown data
 * center (at once when the wasm module is loaded, else at the first validation).
 */
export function createInviteSchema({ dataCenter } = {}) {
  const options = dataCenter === undefined ? undefined : { dataCenter };
  if (validateInvite) check(options)({});
  const validate = (value) => {
    const result = check(options)(value);
    if (result.ok) return { value: result.invite };
    const issues = [];
    for (const [field, list] of Object.entries(result.errors)) {
      const path = toPath(field);
      for (const { key, description } of list) issues.push({ message: description, path, key });
    }
    return { issues };
  };
  return Object.freeze({ "~standard": Object.freeze({ version: 1, vendor: "smart-invite", validate }) });
}

/** The invite payload as a Standard Schema, for the default data center (us). */
export const inviteSchema = createInviteSchema();
