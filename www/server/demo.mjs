// The demo's Node server: serves the page and the package's browser entry, sends invites with
// the package's SmartInviteClient (to the bundled mock of the API, or to Cronofy when
// CRONOFY_CLIENT_SECRET and CRONOFY_DATA_CENTER are set: the secret never leaves this
// process), receives the signed reply callbacks, verifies them and pushes them to the page
// over server-sent events, and emails each invite to a local SMTP sink.
//
//   GET  /api/config   what the page needs to know: mode, data center, callback URL
//   POST /api/send     the form's payload -> client.upsert -> { invite, email }
//   POST /api/reply    { smart_invite_id, email, status }: the mock's recipient replies
//   GET  /api/status   ?smart_invite_id&recipient_email: client.get, for polling
//   GET  /api/ics      ?smart_invite_id&recipient_email: the current invite.ics (download)
//   GET  /api/events   server-sent events: one `reply` event per verified callback
//   POST /callbacks    where the API posts replies (Cronofy-HMAC-SHA256 checked)

import { randomBytes } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import {
  buildInviteEmail,
  dataCenters,
  parseNotification,
  SmartInviteClient,
  SmartInviteError,
  verifyNotification,
} from "../../pkg/gen/node.mjs";
import { startMockServer } from "../../pkg/mock/index.mjs";
import { staticFile } from "./files.mjs";
import { startMailbox } from "./mailbox.mjs";

const MAX_BODY_BYTES = 1024 * 1024;
const EMAIL_FROM = "Smart Invite demo <invites@smart-invite.test>";
const HEARTBEAT_MS = 15_000;

/**
 * Every response: same-origin only. Not cross-origin isolated (COOP + COEP): the page needs no
 * isolation, and in a fresh browser context the opener policy's process swap cost about 90 ms of
 * the first validation (358 to 264 ms median, make bench-demo). Timers are coarser without it.
 */
const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

/**
 * Where invites go: Cronofy itself when both variables are set, else a mock of the API started
 * here. Throws a message a person can act on when only one of the two is set.
 */
export async function startBackend(env, { fetch } = {}) {
  const secret = env.CRONOFY_CLIENT_SECRET || undefined;
  const center = env.CRONOFY_DATA_CENTER || undefined;
  if (secret && center) {
    const known = dataCenters().map((dc) => dc.id);
    if (!known.includes(center)) {
      throw new Error(`CRONOFY_DATA_CENTER must be one of ${known.join(", ")}, not "${center}".`);
    }
    const client = new SmartInviteClient({ clientSecret: secret, dataCenter: center, ...(fetch ? { fetch } : {}) });
    return { mode: "cronofy", client, secret, close: async () => client.free() };
  }
  if (secret || center) {
    const missing = secret ? "CRONOFY_DATA_CENTER (us, uk, de, au, ca or sg)" : "CRONOFY_CLIENT_SECRET";
    throw new Error(`To send to Cronofy set both variables: ${missing} is missing. Unset both to use the local mock.`);
  }
  const mockSecret = `demo-${randomBytes(12).toString("hex")}`;
  const mock = await startMockServer({ clientSecret: mockSecret, port: Number(env.DEMO_MOCK_PORT ?? 0) });
  const client = new SmartInviteClient({ clientSecret: mockSecret, baseUrl: mock.url, retryDelayMs: 50 });
  return {
    mode: "mock",
    client,
    secret: mockSecret,
    mock,
    close: async () => {
      client.free();
      await mock.close();
    },
  };
}

/**
 * Starts the demo on 127.0.0.1. Resolves to `{ url, mode, mockUrl?, mailboxUrl, close() }`.
 * @param {{ port?: number, host?: string, env?: Record<string, string | undefined>,
 *           fetch?: typeof fetch, log?: (line: string) => void }} [options]
 */
export async function startDemo({ port = 0, host = "127.0.0.1", env = process.env, fetch, log = () => {} } = {}) {
  const backend = await startBackend(env, { fetch });
  const mailbox = await startMailbox({ host });
  const events = new Set();
  const center = dataCenters().find((dc) => dc.id === (env.CRONOFY_DATA_CENTER || "us"));
  let url;

  const routes = {
    "GET /api/config": async () => [
      200,
      {
        mode: backend.mode,
        dataCenter: center.id,
        apiUrl: backend.client.toJSON().baseUrl,
        callbackUrl: `${url}/callbacks`,
        mailbox: mailbox.url,
        from: EMAIL_FROM,
      },
    ],

    "POST /api/send": async (_req, body) => {
      const payload = parseJson(body);
      if (payload === undefined)
        return [400, { error: { kind: "invalid_request", message: "Send the invite as JSON." } }];
      let invite;
      try {
        invite = await backend.client.upsert(payload);
      } catch (error) {
        return failure(error);
      }
      let email;
      try {
        email = await mailbox.send(buildInviteEmail({ invite, from: EMAIL_FROM }).message);
      } catch (error) {
        email = { error: error.message };
      }
      log(`sent ${invite.smart_invite_id} (${backend.mode})`);
      return [200, { mode: backend.mode, invite, email }];
    },

    "POST /api/reply": async (_req, body) => {
      if (!backend.mock)
        return [409, { error: { kind: "not_mock", message: "Replies can be simulated on the mock only." } }];
      const input = parseJson(body) ?? {};
      const answer = await globalThis.fetch(`${backend.mock.url}/_mock/reply`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ smart_invite_id: input.smart_invite_id, email: input.email, status: input.status }),
      });
      const result = await answer.json();
      if (!answer.ok) return [answer.status, { error: { kind: "not_found", message: result.error } }];
      return [200, { delivered: result.delivered, callbackStatus: result.callbackStatus, reason: result.reason }];
    },

    "GET /api/status": async (_req, _body, query) => {
      try {
        return [200, await backend.client.get(invitePointer(query))];
      } catch (error) {
        return failure(error);
      }
    },

    "GET /api/ics": async (_req, _body, query) => {
      let invite;
      try {
        invite = await backend.client.get({ ...invitePointer(query), include_ics: true });
      } catch (error) {
        return failure(error);
      }
      const ics = invite.attachments?.icalendar;
      if (!ics) return [404, { error: { kind: "not_found", message: "The API gave no iCalendar for this invite." } }];
      return [
        200,
        Buffer.from(ics, "utf8"),
        { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'attachment; filename="invite.ics"' },
      ];
    },

    "GET /api/events": async (_req, _body, _query, res) => {
      res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": "text/event-stream", Connection: "keep-alive" });
      res.write(": connected\n\n");
      events.add(res);
      res.on("close", () => events.delete(res));
      return undefined;
    },

    "POST /callbacks": async (req, body) => {
      const signature = req.headers["cronofy-hmac-sha256"];
      if (!verifyNotification({ body, signature, clientSecret: backend.secret })) {
        log("callback refused: the Cronofy-HMAC-SHA256 signature does not match");
        return [401, { error: "invalid signature" }];
      }
      let notification;
      try {
        notification = parseNotification(body);
      } catch (error) {
        return [400, { error: error.message }];
      }
      const invite = notification.smart_invite;
      const recipient = invite?.recipient ?? invite?.reply;
      const event = {
        smart_invite_id: invite?.smart_invite_id,
        email: recipient?.email,
        status: recipient?.status,
        comment: recipient?.comment,
        verified: true,
        received: new Date().toISOString(),
      };
      broadcast("reply", event);
      log(`callback: ${event.email} ${event.status} (${event.smart_invite_id})`);
      return [200, { received: true }];
    },
  };

  function broadcast(name, data) {
    const frame = `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of events) res.write(frame);
  }

  const heartbeat = setInterval(() => {
    for (const res of events) res.write(": keep-alive\n\n");
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      log(`demo: ${error.stack ?? error}`);
      if (!res.headersSent) reply(res, 500, { error: { kind: "server", message: error.message } });
      else res.destroy();
    });
  });

  async function handle(req, res) {
    const target = new URL(req.url, "http://demo");
    const route = routes[`${req.method} ${target.pathname}`];
    if (route && target.pathname.startsWith("/api/") && !fromThePage(req)) {
      return reply(res, 403, { error: { kind: "forbidden", message: "Only the demo page may use /api/." } });
    }
    if (route) {
      const body = await readBody(req);
      if (body === undefined) return reply(res, 413, { error: { kind: "too_large", message: "At most 1 MiB." } });
      const answer = await route(req, body, target.searchParams, res);
      if (answer) reply(res, ...answer);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") return reply(res, 405, { error: "method not allowed" });
    const file = await staticFile(target.pathname);
    if (!file) return reply(res, 404, { error: `nothing at ${target.pathname}` });
    const headers = { ...SECURITY_HEADERS, "Cache-Control": "no-cache", ETag: file.etag };
    if (req.headers["if-none-match"] === file.etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, { ...headers, "Content-Type": file.type, "Content-Length": file.body.length });
    res.end(req.method === "HEAD" ? undefined : file.body);
  }

  server.listen(port, host);
  await once(server, "listening");
  url = `http://${host}:${server.address().port}`;

  return {
    url,
    mode: backend.mode,
    mockUrl: backend.mock?.url,
    mailboxUrl: mailbox.url,
    async close() {
      clearInterval(heartbeat);
      for (const res of events) res.end();
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([backend.close(), mailbox.close()]);
    },
  };
}

/**
 * Whether a request to /api/ comes from the demo page itself: another site open in the same
 * browser must not send invites through it (with a real secret), nor read its answers. So the
 * Host must be a loopback name (no DNS rebinding), a browser's Origin must be this server,
 * and a POST must say JSON, which a cross-site form cannot.
 */
function fromThePage(req) {
  const host = req.headers.host ?? "";
  if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i.test(host)) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return false;
  return req.method !== "POST" || /^application\/json\b/i.test(req.headers["content-type"] ?? "");
}

/** A client failure as the page reads it: the error map of a 422 goes under the fields. */
function failure(error) {
  if (!(error instanceof SmartInviteError)) throw error;
  const { kind, message, errors, status, requestId } = error;
  return [kind === "validation" ? 422 : 502, { error: { kind, message, errors, status, requestId } }];
}

function invitePointer(query) {
  const email = query.get("recipient_email");
  return { smart_invite_id: query.get("smart_invite_id") ?? "", ...(email ? { recipient_email: email } : {}) };
}

function parseJson(body) {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The request body, or undefined past MAX_BODY_BYTES (then the rest is not read). */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function reply(res, status, body, headers = {}) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Type": "application/json; charset=utf-8",
    ...headers,
    "Content-Length": bytes.length,
  });
  res.end(bytes);
}
