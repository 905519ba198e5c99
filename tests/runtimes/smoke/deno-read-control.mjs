// Control for the Deno tests: reading the package's .wasm with node:fs, as an entry built on
// readFileSync would, must be refused without --allow-read. If this ever succeeds, the
// "no permission flags" runs would no longer prove anything.
import { readFileSync } from "node:fs";

readFileSync(new URL(import.meta.resolve("smart-invite/wasm")));
console.log("read without --allow-read");
