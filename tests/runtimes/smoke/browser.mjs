// Smoke harness for the consumer app built by esbuild and by Vite and loaded in Chromium (see
// browser-esbuild.mjs and browser-vite.mjs, which differ only in how they find the .wasm).
// The page is served by the stand-in API itself, so the client's fetch stays same-origin.
import { runSmoke } from "./smoke.mjs";

/** Initialises the package (with `wasm`, if given, else its default) and runs the suite. */
export function startSmoke(api, wasm) {
  const runtime = new URL(location.href).searchParams.get("runtime");
  window.smokeReport = api.init(wasm).then(() => runSmoke(api, { runtime, baseUrl: location.origin, browser: true }));
}
