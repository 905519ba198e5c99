// The client's transport in Node: a fetch-shaped function on node:http / node:https with
// keep-alive agents. Node 20's global fetch (undici, WHATWG streams) measured about three
// times the CPU per request of node:http for the client's small JSON calls, which made the
// client slower than the official SDK (axios on node:http); see docs/client.md, "How it is
// tested, and what it costs".
//
// It takes what the client passes, `(url, { method, headers, body, signal, redirect })`
// (`body` a string, redirects never followed), and resolves to what the client reads:
// `{ status, headers: { get(name) }, text() }`.

// Loaded on the first request, not at import: node:http and node:https take about 7 ms to load
// in Node (25 ms in Bun, which never sends through them), a cost the first validateInvite()
// would otherwise pay (bench/runtimes). By import(), not require(): an ES module bundle made by
// esbuild --platform=node has no require() for Node's own modules ("Dynamic require of
// node:http is not supported"), and every bundler leaves an import() of node:* to Node.
const MODULES = { "http:": () => import("node:http"), "https:": () => import("node:https") };
const transports = {};

async function transportFor(protocol) {
  if (!Object.hasOwn(MODULES, protocol)) return undefined;
  transports[protocol] ??= MODULES[protocol]().then((module) => ({
    module,
    agent: new module.Agent({ keepAlive: true }),
  }));
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

async function nodeHttpFetch(url, init = {}) {
  const target = new URL(url);
  const transport = await transportFor(target.protocol);
  if (!transport) throw new TypeError(`unsupported protocol ${target.protocol}`);
  return new Promise((resolve, reject) => {
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
export const defaultFetch = globalThis.Bun ? undefined : nodeHttpFetch;
export { nodeHttpFetch };
