// Smoke harness for `require`: Node CJS and Bun. Only the package is required; the suite itself is ESM and loaded by import().
const api = require("smart-invite");

const [runtime, baseUrl, parts] = process.argv.slice(2);
import("./smoke.mjs").then(async ({ REPORT_PREFIX, runSmoke }) => {
  const report = await runSmoke(api, { runtime, baseUrl, parts: parts?.split(",") });
  console.log(REPORT_PREFIX + JSON.stringify(report));
});
