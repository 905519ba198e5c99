// The baseline: a module whose "validation" is a bare JSON round trip, in the same runtime.
export function validateInvite(input) {
  const invite = JSON.parse(typeof input === "string" ? input : JSON.stringify(input));
  return { ok: true, invite, warnings: {} };
}
