// Smoke harness for Deno's `npm:` specifier (resolved from the scratch project's node_modules).
import * as api from "npm:smart-invite";
import { REPORT_PREFIX, runSmoke } from "./smoke.mjs";

const [runtime, baseUrl, parts] = Deno.args;
const report = await runSmoke(api, { runtime, baseUrl, parts: parts?.split(",") });
console.log(REPORT_PREFIX + JSON.stringify(report));
