// A local mock of the Cronofy Smart Invites API: a real HTTP server on 127.0.0.1 that answers
// POST and GET /v1/smart_invites like the API (Bearer check, the package's own validation
// giving 422s in Cronofy's shape, the seed response shape with an RFC 5545 attachment built by
// the package's Rust code), plus control endpoints under /_mock/ for tests and demos:
//
//   POST /_mock/reply     {smart_invite_id, email, status, comment?, proposal?}: a recipient
//                         replies; the status changes and a signed notification is POSTed to
//                         the invite's callback_url (loopback hosts only)
//   POST /_mock/faults    {faults: ["status=503", ...], smart_invite_id?}: queue faults
//   GET  /_mock/invites   every invite held;  GET /_mock/requests  every request seen
//   GET  /_mock/writes    every create, update, cancel and remove, with the request that made it
//   POST /_mock/reset     forget invites, requests, writes and queued faults
//
// Faults (see faults.mjs) come from the X-Mock-Fault request header, the queue, or a random
// draw when `faultRate` is set.
//
// Each request costs time in proportion to its body and to the answer it gets: the invites,
// the queued faults and the logs are reached through Maps and appended to, never scanned.

import { once } from "node:events";
import http from "node:http";
import { __buildInviteIcs, dataCenters, signNotification, validateInvite } from "../gen/node.mjs";
import { fullBuild } from "../lib/node-full.mjs";
import { FaultSource } from "./faults.mjs";
import { RateLimits } from "./limits.mjs";
import { InviteStore } from "./store.mjs";

const API_PATH = "/v1/smart_invites";
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Starts the mock. Resolves once it listens.
 * @param {import("./index.d.ts").MockOptions} [options]
 * @returns {Promise<import("./index.d.ts").MockServer>}
 */
export async function startMockServer(options = {}) {
  const {
    port = 0,
    host = "127.0.0.1",
    clientSecret = "mock-client-secret",
    dataCenter = "us",
    faultRate = 0,
    randomFaults,
    seed = 1,
    now = () => new Date(),
    log = () => {},
    rateLimit = false,
  } = options;
  if (typeof clientSecret !== "string" || clientSecret === "")
    throw new Error("clientSecret must be a non-empty string.");
  const center = dataCenters().find((dc) => dc.id === dataCenter);
  if (!center)
    throw new Error(
      `dataCenter must be one of ${dataCenters()
        .map((dc) => dc.id)
        .join(", ")}.`,
    );

  const faults = new FaultSource({ faultRate, randomFaults, seed });
  const limits = rateLimit ? new RateLimits(rateLimit) : undefined;
  const store = new InviteStore({
    buildIcs: (invite, meta) => __buildInviteIcs(JSON.stringify(invite), JSON.stringify(meta)),
    now,
    forwardingAddress: center.forwardingAddress,
  });
  /** @type {object[]} */
  const requests = [];
  let sequence = 0;
  // Requests still being handled (a delayed one goes on after its client gave up), and who
  // waits for none to be left.
  let handling = 0;
  const idle = [];

  const server = http.createServer((req, res) => {
    handling += 1;
    handle(req, res)
      .catch((error) => {
        log(`mock: ${error.stack ?? error}`);
        if (!res.headersSent) send(res, 500, { error: "mock failure", detail: String(error.message) });
        else res.destroy();
      })
      .finally(() => {
        handling -= 1;
        if (handling === 0) for (const resolve of idle.splice(0)) resolve();
      });
  });
  server.keepAliveTimeout = 5_000;

  async function handle(req, res) {
    const url = new URL(req.url, "http://mock");
    const bytes = await readBody(req);
    if (bytes === undefined) return send(res, 413, { error: "body too large" });
    const body = bytes.toString("utf8");
    if (url.pathname.startsWith("/_mock/")) return control(req, res, url, body);

    const id = `mock-${++sequence}`;
    res.setHeader("X-Request-Id", id);
    const entry = { id, method: req.method, path: url.pathname, started: performance.now(), sent: sentAt(req) };
    requests.push(entry);
    res.on("close", () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      entry.ms = performance.now() - entry.started;
      log(`${entry.method} ${req.url} -> ${entry.status || "closed"}${entry.fault ? ` (fault ${entry.fault})` : ""}`);
    });

    if (url.pathname !== API_PATH) return send(res, 404, undefined);
    // The two fields the log and the fault queue need, read without building the body as JS
    // objects (JSON.parse of a hostile 1 MiB body costs far more than validating it). A read
    // has no body to look in.
    const ids = body ? fullBuild().__requestIds(body) : {};
    entry.smart_invite_id =
      req.method === "GET" ? (url.searchParams.get("smart_invite_id") ?? undefined) : ids.smart_invite_id;
    entry.recipient = ids.recipient ?? url.searchParams.get("recipient_email") ?? undefined;

    const fault = faults.next(req.headers["x-mock-fault"], entry.smart_invite_id);
    entry.fault = fault?.spec;
    if (fault?.delay) await sleep(fault.delay);
    if (fault?.hang) return;
    if (fault?.reset) return reset(req);
    if (fault?.status) {
      if (fault.retryAfter !== undefined) res.setHeader("Retry-After", fault.retryAfter);
      return send(res, fault.status, fault.status >= 500 ? { error: "mock fault" } : undefined);
    }

    if (req.headers.authorization !== `Bearer ${clientSecret}`) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="Cronofy Mock"');
      return send(res, 401, undefined);
    }
    const refused = limits?.admit(entry.sent ?? entry.started);
    if (refused) {
      res.setHeader("Retry-After", String(refused.retryAfter));
      return send(res, 429, { error: "rate limited by the mock's limits" });
    }

    let answer;
    if (req.method === "POST") {
      const result = validateInvite(body, { dataCenter });
      answer = result.ok
        ? store.apply(result.invite, { request: id })
        : { status: 422, body: { errors: result.errors } };
      entry.outcome = result.ok ? result.invite.method : "invalid";
    } else if (req.method === "GET") {
      const smartInviteId = url.searchParams.get("smart_invite_id");
      if (!smartInviteId) {
        const errors = { smart_invite_id: [{ key: "errors.required", description: "smart_invite_id is required" }] };
        answer = { status: 422, body: { errors } };
      } else {
        const email = url.searchParams.get("recipient_email") ?? undefined;
        answer = store.read({ smartInviteId, email, includeIcs: url.searchParams.get("include_ics") === "true" });
      }
    } else {
      res.setHeader("Allow", "GET, POST");
      return send(res, 405, undefined);
    }

    if (fault?.resetAfter) return reset(req);
    if (fault?.malformed) {
      const text = JSON.stringify(answer.body ?? {});
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
      return res.end(text.slice(0, Math.max(1, Math.floor(text.length * 0.4))));
    }
    send(res, answer.status, answer.body);
  }

  async function control(req, res, url, body) {
    const route = `${req.method} ${url.pathname}`;
    let input;
    try {
      input = body.length > 0 ? JSON.parse(body) : {};
    } catch {
      return send(res, 400, { error: "the control endpoints take a JSON body" });
    }
    switch (route) {
      case "POST /_mock/reply":
        return send(res, ...(await reply(input)));
      case "POST /_mock/faults":
        faults.enqueue(input.faults ?? [], { smartInviteId: input.smart_invite_id });
        return send(res, 200, { queued: faults.size });
      case "GET /_mock/invites":
        return send(res, 200, invitesAsJson());
      case "GET /_mock/requests":
        return send(res, 200, requests);
      case "GET /_mock/writes":
        return send(res, 200, store.writes);
      case "POST /_mock/reset":
        mock.reset();
        return send(res, 200, { reset: true });
      default:
        return send(res, 404, { error: `no control endpoint ${route}` });
    }
  }

  /** A recipient replies: returns [status, body] for the control endpoint. */
  async function reply(input) {
    const outcome = store.reply(input);
    if (!outcome) return [404, { error: "no such invite and recipient" }];
    const { record, notification } = outcome;
    const text = JSON.stringify(notification);
    if (!record.callback_url)
      return [200, { delivered: false, reason: "the invite has no callback_url", notification }];
    const target = new URL(record.callback_url);
    if (!fullBuild().__isLoopbackHost(target.hostname)) {
      return [200, { delivered: false, reason: "the mock posts callbacks to loopback hosts only", notification }];
    }
    try {
      const answer = await fetch(target, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Cronofy-HMAC-SHA256": signNotification(text, clientSecret),
        },
        body: text,
        signal: AbortSignal.timeout(5_000),
      });
      await answer.arrayBuffer();
      return [200, { delivered: answer.ok, callbackStatus: answer.status, notification }];
    } catch (error) {
      return [200, { delivered: false, reason: String(error.cause?.code ?? error.message), notification }];
    }
  }

  function invitesAsJson() {
    return [...store.invites.values()].map(({ recipients, content, ...rest }) => ({
      ...rest,
      recipients: [...recipients.values()],
    }));
  }

  server.listen(port, host);
  await once(server, "listening");
  const address = server.address();
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  const mock = {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    clientSecret,
    /** Invites by key (`inviteKey(id, email)`; multi-recipient invites by id alone). */
    invites: store.invites,
    /** Every API request seen (control endpoints excluded), in arrival order. */
    requests,
    /** Every create, update, cancel and remove of a recipient's invitation, in the order done,
     * each with the id of the request (`requests[i].id`) that did it. */
    writes: store.writes,
    /** How often requests created, updated, cancelled and removed one recipient's invitation. */
    writeCounts: (smartInviteId, email) => store.countsOf(smartInviteId, email),
    /** Resolves once no request is being handled (delayed ones included). */
    settled: () => (handling === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve))),
    /** The invite for an id and recipient (or the multi-recipient invite for an id). */
    find: (smartInviteId, email) => store.find(smartInviteId, email),
    /** Queues faults for the next API requests (of one invite, if `smartInviteId` is given). */
    injectFaults: (specs, { smartInviteId } = {}) => faults.enqueue(specs, { smartInviteId }),
    /** Simulates a reply: `{ smart_invite_id, email, status, comment?, proposal? }`. */
    reply: async (input) => {
      const [status, body] = await reply(input);
      if (status !== 200) throw new Error(body.error);
      return body;
    },
    reset() {
      store.clear();
      requests.length = 0;
      faults.clear();
      limits?.reset();
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return mock;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res, status, body) {
  if (res.destroyed) return;
  if (body === undefined) {
    res.writeHead(status, { "Content-Length": 0 });
    return res.end();
  }
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": bytes.length });
  res.end(bytes);
}

function reset(req) {
  const socket = req.socket;
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

/** When the sender says it sent the request (`X-Mock-Sent-At`, epoch ms), on this process's
 * performance.now() clock like `started`: on a busy machine the mock may read a request long
 * after it arrived, and tests of rate limits must judge the traffic, not this process's delays. */
function sentAt(req) {
  const stamp = Number(req.headers["x-mock-sent-at"]);
  return stamp > 0 ? stamp - performance.timeOrigin : undefined;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
