// One sample of "first call after import": node first-call.mjs <module> <function>. Prints the
// milliseconds from just before the dynamic import (wasm compilation and instantiation
// included) to the return of the first call on the seed example.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [modulePath, fn] = process.argv.slice(2);
const seed = JSON.parse(readFileSync(new URL("../../tests/fixtures/seed-request.json", import.meta.url), "utf8"));
const start = performance.now();
const mod = await import(pathToFileURL(modulePath).href);
const result = mod[fn](seed);
const elapsed = performance.now() - start;
if (!result.ok) throw new Error(`the first call failed: ${JSON.stringify(result)}`);
console.log(elapsed.toFixed(3));
