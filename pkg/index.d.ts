// smart-invite: validate, normalize and send Cronofy Smart Invites (a Rust core in WebAssembly).
// One line per area; each area keeps its declarations in types/.

export * from "./types/client.js";
export * from "./types/core.js";
export * from "./types/email.js";
export * from "./types/schema.js";
