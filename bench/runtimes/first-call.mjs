// One measurement in a fresh process: import a module and validate the seed example once.
// The clock starts before the import, so module loading and wasm instantiation are included.
// Argument: the module ("smart-invite" or "./bare.mjs"). Prints the milliseconds as JSON.
import { seedRequest } from "../smoke/fixtures.mjs";

const [specifier] = globalThis.Deno ? Deno.args : process.argv.slice(2);
const start = performance.now();
const { validateInvite } = await import(specifier);
const result = validateInvite(seedRequest);
const ms = performance.now() - start;
if (!result.ok) throw new Error(`seed example rejected: ${JSON.stringify(result.errors)}`);
console.log(JSON.stringify({ ms }));
