// Control for forbid-wasm-bytes.mjs: workerd itself lets a worker compile the package's .wasm
// from bytes at startup, so the trap must refuse it (this worker must fail to start).
import "./forbid-wasm-bytes.mjs";
import bytes from "wasm-bytes";

new WebAssembly.Module(bytes);

export default {
  fetch: () => new Response("compiled from bytes at startup"),
};
