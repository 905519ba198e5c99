// A Node program as a Lambda-style deployment bundles it: esbuild --bundle --platform=node,
// as an ES module and as CommonJS, then run from a folder that holds only the bundle. It runs
// the smoke suite (validate, callbacks, send to the stand-in API) and prints the report.
import * as api from "smart-invite";
import { REPORT_PREFIX, runSmoke } from "./smoke/smoke.mjs";

const [runtime, baseUrl] = process.argv.slice(2);
runSmoke(api, { runtime, baseUrl }).then((report) => console.log(REPORT_PREFIX + JSON.stringify(report)));
