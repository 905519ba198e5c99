// The .wasm files of the core and full builds for Node and Bun, read from the package folder (see
// lib/node.mjs): the core build's at import, the full build's when first needed (lib/node-full.mjs).
//
// node:fs comes from process.getBuiltinModule (Node 20.16+, Bun), synchronously: the entry has
// no top-level await, so `require("smart-invite")` loads this same ES module graph (Node 20.19+
// and 22.12+ require() an ES module without one). It is also faster than an ES `import` of
// node:fs, which makes Node build that module's ES facade and load node:stream on the way, 2 to
// 7 ms of the first call after import for one readFileSync (bench/runtimes).
const { readFileSync } = globalThis.process.getBuiltinModule("node:fs");

export const coreWasm = readFileSync(new URL("../gen/core/smart_invite_bg.wasm", import.meta.url));
export const fullWasm = () => readFileSync(new URL("../gen/smart_invite_bg.wasm", import.meta.url));
