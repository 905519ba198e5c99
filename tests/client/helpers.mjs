// Shared by the client tests: the package as a user imports it in Node, the mock on
// 127.0.0.1, invites to send, and a real HTTP server to receive callbacks.

import { once } from "node:events";
import http from "node:http";

export * from "../../pkg/gen/node.mjs";
export { startMockServer } from "../../pkg/mock/index.mjs";

import { SmartInviteClient } from "../../pkg/gen/node.mjs";

/** A secret distinctive enough that finding it anywhere is a leak, not a coincidence. */
export const SECRET = "CRN_test-secret-4f1c9a0e7d";

/** Client options that keep the suite fast: a short backoff, and no pacing under Cronofy's
 * 50/s and 500/min (tests/scale tests the pacing). The timeout is the client's default, 10 s:
 * against a local mock that only a hang reaches (tests of timeouts set theirs). */
export function clientFor(mock, options = {}) {
  return new SmartInviteClient({
    clientSecret: SECRET,
    baseUrl: mock.url,
    retryDelayMs: 5,
    timeoutMs: 10_000,
    rateLimit: false,
    ...options,
  });
}

/** A valid single-recipient invite; `overrides` replace top-level fields. */
export function invite(id, overrides = {}) {
  return {
    smart_invite_id: id,
    recipient: { email: "ann@example.com" },
    callback_url: "https://app.example.com/cronofy/callback",
    event: {
      summary: "Board meeting",
      description: "Discuss plans for the next quarter.",
      start: "2026-04-29T09:30:00Z",
      end: "2026-04-29T10:00:00Z",
      tzid: "Europe/London",
      location: { description: "Board room" },
    },
    ...overrides,
  };
}

/** Attempts the mock saw for one invite. */
export function attempts(mock, id) {
  return mock.requests.filter((r) => r.smart_invite_id === id).length;
}

/** A client whose fetch adds the X-Mock-Fault header to every request. */
export function faultyClient(mock, fault, options = {}) {
  const fetchWithFault = (url, init) => fetch(url, { ...init, headers: { ...init.headers, "X-Mock-Fault": fault } });
  return clientFor(mock, { fetch: fetchWithFault, ...options });
}

/** Resolves with the rejection of `promise` (fails if it resolves). */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, got a result");
}

/** A callback endpoint on 127.0.0.1 that keeps every raw body and header it receives. */
export async function startCallbackReceiver() {
  const received = [];
  const waiting = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const hit = { headers: req.headers, body: Buffer.concat(chunks), path: req.url };
      received.push(hit);
      for (const resolve of waiting.splice(0)) resolve(hit);
      res.writeHead(204).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${server.address().port}/cronofy/callback`,
    received,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
