// The server build's .wasm files for Node and Bun, read from the package folder (see
// lib/node.mjs): the core's at import, the full build's when first needed (lib/server-full.mjs).
//
// node:fs comes from process.getBuiltinModule (Node 20.16+, Bun) where there is one: an ES
// `import` of node:fs makes Node build that module's ES facade, which loads node:stream on the
// way, 2 to 7 ms of the first call after import for one readFileSync (bench/runtimes).
const { readFileSync } = globalThis.process.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));

export const coreWasm = readFileSync(new URL("../gen/core/smart_invite_bg.wasm", import.meta.url));
export const fullWasm = () => readFileSync(new URL("../gen/smart_invite_bg.wasm", import.meta.url));
