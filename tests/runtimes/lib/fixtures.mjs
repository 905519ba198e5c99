// The data every runtime checks against, taken from the repository's fixtures, and the module
// text that carries it into each runtime (smoke/fixtures.mjs in the scratch project).
import { readFileSync } from "node:fs";

const fixturesDir = new URL("../../fixtures/", import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(name, fixturesDir), "utf8"));

const seedRequest = read("seed-request.json");
const realPayloads = read("real-payloads.json");
const { summary: _, ...eventWithoutSummary } = seedRequest.event;

export const fixtures = {
  seedRequest,
  /** The seed example without event.summary: rejected with errors.required. */
  badRequest: { ...seedRequest, event: eventWithoutSummary },
  /** The first published vector that must verify (cronofy-ruby's spec). */
  hmacVector: realPayloads.hmac_vectors.find((v) => v.valid && !v.signature.includes(",")),
  /** Cronofy's documented callback, with the stray trailing comma removed. */
  notification: realPayloads.notifications[0].json,
  /** What the stand-in API answers a create with (the seed response). */
  seedResponse: read("seed-response.json"),
  /** The errors map of the 422 the stand-in API answers for ids starting "smoke-reject". */
  serverErrors: { "event.summary": [{ key: "errors.required", description: "summary must be specified" }] },
};

/** The fixtures as an ES module that imports nothing (runs in every runtime). */
export function fixturesModule() {
  const lines = Object.entries(fixtures).map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`);
  return `// Written by tests/runtimes/lib/fixtures.mjs from tests/fixtures/.\n${lines.join("\n")}\n`;
}
