// The floor for the benchmarks: a module whose "validation" is a bare JSON round trip.
export function validateInvite(input) {
  return { ok: true, invite: JSON.parse(JSON.stringify(input)), warnings: {} };
}
