// The server build's .wasm for Node and Bun: read from the package folder (see lib/node.mjs).
import { readFileSync } from "node:fs";

export default readFileSync(new URL("../gen/smart_invite_bg.wasm", import.meta.url));
