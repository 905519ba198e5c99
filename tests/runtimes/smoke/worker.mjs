// Smoke harness for workerd: a Worker that runs the suite on GET / and answers the report.
// The stand-in API's base URL comes from the API_BASE text binding (workerd config or wrangler
// vars); its fetches reach 127.0.0.1 through the config's "loopback" network service.
// forbid-wasm-bytes.mjs comes first, so it is evaluated before the package's entry.
import "./forbid-wasm-bytes.mjs";
import * as api from "smart-invite";
import { runSmoke } from "./smoke.mjs";

export default {
  async fetch(_request, env) {
    const report = await runSmoke(api, { runtime: env.RUNTIME, baseUrl: env.API_BASE });
    return Response.json(report);
  },
};
