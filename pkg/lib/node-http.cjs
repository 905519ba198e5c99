// The client's transport in Node: a fetch-shaped function on node:http / node:https with
// keep-alive agents. Node 20's global fetch (undici, WHATWG streams) measured about three
// times the CPU per request of node:http for the client's small JSON calls, which made the
// client slower than the official SDK (axios on node:http); see the README, "Sending invites".
//
// It takes what the client passes, `(url, { method, headers, body, signal, redirect })`
// (`body` a string, redirects never followed), and resolves to what the client reads:
// `{ status, headers: { get(name) }, text() }`. CommonJS, so the ESM and the require entries
// share this one file.

"use strict";

// Loaded on the first request, not at import: node:http and node:https take about 7 ms to load
// in Node (25 ms in Bun, which never sends through them), a cost the first validateInvite()
// would otherwise pay (bench/runtimes).
const MODULES = { "http:": "node:http", "https:": "node:https" };
const transports = {};

function transportFor(protocol) {
  if (!(protocol in MODULES)) return undefined;
  if (!transports[protocol]) {
    const module = require(MODULES[protocol]);
    transports[protocol] = { module, agent: new module.Agent({ keepAlive: true }) };
  }
  return transports[protocol];
}

class ReplyHeaders {
  constructor(raw) {
    this.raw = raw;
  }

  get(name) {
    const value = this.raw[String(name).toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : String(value);
  }
}

function nodeHttpFetch(url, init = {}) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const transport = transportFor(target.protocol);
    if (!transport) return reject(new TypeError(`unsupported protocol ${target.protocol}`));
    const headers = { ...init.headers };
    const body = init.body ?? undefined;
    if (body !== undefined) headers["Content-Length"] = Buffer.byteLength(body);
    const options = { method: init.method ?? "GET", headers, agent: transport.agent, signal: init.signal ?? undefined };
    const request = transport.module.request(target, options, (response) => {
      const chunks = [];
      const text = new Promise((done, fail) => {
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
        response.on("error", fail);
        response.on("close", () => {
          if (!response.complete)
            fail(
              Object.assign(new Error("the connection closed before the answer was complete"), { code: "ECONNRESET" }),
            );
        });
      });
      // Handled here too, so a body failure before text() is called is not "unhandled".
      text.catch(() => {});
      resolve({ status: response.statusCode, headers: new ReplyHeaders(response.headers), text: () => text });
    });
    request.on("error", reject);
    request.end(body);
  });
}

// Bun's own fetch is native and fast; its node:http is a layer over it.
exports.defaultFetch = globalThis.Bun ? undefined : nodeHttpFetch;
exports.nodeHttpFetch = nodeHttpFetch;
