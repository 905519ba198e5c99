// Smoke harness for `import` of the bare specifier: Node ESM, Bun, Deno with node_modules.
// Arguments: runtime name, stand-in API base URL, parts (comma-separated; default all).
// Deno reads them from Deno.args, which needs no permission.
import * as api from "smart-invite";
import { REPORT_PREFIX, runSmoke } from "./smoke.mjs";

const [runtime, baseUrl, parts] = globalThis.Deno ? Deno.args : process.argv.slice(2);
const report = await runSmoke(api, { runtime, baseUrl, parts: parts?.split(",") });
console.log(REPORT_PREFIX + JSON.stringify(report));
