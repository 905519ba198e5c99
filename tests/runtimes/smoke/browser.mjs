// Smoke harness for the consumer app built by esbuild and by Vite and loaded in Chromium (see
// browser-esbuild.mjs and browser-vite.mjs, which differ only in how they find the .wasm).
// The suite uses the client and the callback helpers too, so the page loads the server build
// with initFull() after the browser build. The page is served by the stand-in API itself, so
// the client's fetch stays same-origin.
import { runSmoke } from "./smoke.mjs";

/**
 * Initialises the package (the browser build with `wasm`, the server build with `fullWasm`, each
 * by default its own) and runs the suite.
 */
export function startSmoke(api, wasm, fullWasm) {
  const runtime = new URL(location.href).searchParams.get("runtime");
  window.smokeReport = api
    .init(wasm)
    .then(() => api.initFull(fullWasm))
    .then(() => runSmoke(api, { runtime, baseUrl: location.origin, browser: true }));
}
