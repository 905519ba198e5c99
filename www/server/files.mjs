// The files the demo serves: the page (www/public/) and the package's browser entry with its
// glue and .wasm (pkg/lib/, pkg/gen/), exactly as an app would load them from node_modules.

import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** URL prefix -> folder; nothing outside these folders is ever read. */
const MOUNTS = [
  ["/pkg/lib/", resolve(ROOT, "pkg/lib")],
  ["/pkg/gen/", resolve(ROOT, "pkg/gen")],
  ["/", resolve(ROOT, "www/public")],
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Files as last read, by path: a rebuilt file has another ETag and is read again. */
const cache = new Map();

/**
 * The file for a URL path as `{ body, type, etag }`, or undefined when there is none to serve.
 * The ETag (size and modification time) lets the browser revalidate instead of downloading
 * again, and so keep its compiled code of the .wasm between visits.
 */
export async function staticFile(pathname) {
  const path = pathname === "/" ? "/index.html" : pathname;
  const mount = MOUNTS.find(([prefix]) => path.startsWith(prefix));
  const type = TYPES[extname(path)];
  if (!mount || !type) return undefined;
  const [prefix, folder] = mount;
  let file;
  try {
    file = resolve(folder, decodeURIComponent(path.slice(prefix.length)));
  } catch {
    return undefined;
  }
  if (!file.startsWith(folder + sep)) return undefined;
  try {
    const { size, mtimeMs } = await stat(file);
    const etag = `"${size.toString(36)}-${Math.trunc(mtimeMs).toString(36)}"`;
    let cached = cache.get(file);
    if (cached?.etag !== etag) {
      cached = { body: await readFile(file), type, etag };
      cache.set(file, cached);
    }
    return cached;
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "EISDIR") return undefined;
    throw error;
  }
}
