// Types of `smart-invite/wasm` (the browser build's .wasm) and `smart-invite/wasm/full` (the
// server build's). What an import of a .wasm file gives depends on the tool that resolves it:
// a URL with esbuild's `file` loader or webpack's asset modules, a compiled module in
// Cloudflare Workers and wrangler. `init()` and `initFull()` take any of them.

/**
 * The .wasm file, as your bundler or runtime imports it.
 *
 * @example
 * import { init } from "smart-invite";
 * import wasm from "smart-invite/wasm"; // esbuild --loader:.wasm=file
 * await init(wasm);
 */
declare const wasm: string | URL | WebAssembly.Module;
export default wasm;
