// A stand-in for Cronofy's Smart Invites API on 127.0.0.1: it checks what the client sends,
// records it for the tests, and answers like the real API (the seed response, or a 422 with an
// errors map for ids starting "smoke-reject"). It also serves a folder of static files, so a
// browser page built around the package talks to the API from the same origin.

import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fixtures } from "./fixtures.mjs";

const CLIENT_SECRET = "smoke-client-secret"; // the same constant as smoke/smoke.mjs
const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** Starts the server on a free port; `requests` lists every API call received. */
export async function startStandInApi({ staticDir } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    try {
      if (req.url.startsWith("/v1/smart_invites")) return await answerApi(req, res, requests);
      if (staticDir && req.method === "GET") return await serveFile(staticDir, req, res);
      send(res, 404, { error: `nothing at ${req.method} ${req.url}` });
    } catch (error) {
      send(res, 500, { error: String(error) });
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve).closeAllConnections()),
  };
}

async function answerApi(req, res, requests) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  const call = { method: req.method, url: req.url, authorization: req.headers.authorization };
  call.contentType = req.headers["content-type"];
  requests.push(call);
  if (req.headers.authorization !== `Bearer ${CLIENT_SECRET}`) return send(res, 401, {});
  if (req.method !== "POST") return send(res, 405, {});
  call.body = JSON.parse(text);
  const id = call.body.smart_invite_id;
  if (id.startsWith("smoke-reject")) return send(res, 422, { errors: fixtures.serverErrors });
  send(res, 200, {
    ...fixtures.seedResponse,
    smart_invite_id: id,
    recipient: { ...call.body.recipient, status: "pending" },
  });
}

async function serveFile(dir, req, res) {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
  let body;
  try {
    body = await readFile(file);
  } catch {
    return send(res, 404, { error: `no file ${path}` });
  }
  res.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" });
  res.end(body);
}

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
