// The report check itself: a harness whose report holds fewer results than it expects (none
// at all, say, because its checks never ran) fails, and one that holds them all passes.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { checkReport, RESULTS } from "./lib/run.mjs";

/** Runs checkReport with a stand-in for node:test's context; returns the names that failed. */
async function failuresOf(report, atLeast) {
  const failed = [];
  const t = {
    test: async (name, run) => {
      try {
        await run();
      } catch {
        failed.push(name);
      }
    },
  };
  await checkReport(t, report, {}, atLeast);
  return failed;
}

const passing = (n) => Array.from({ length: n }, (_, i) => ({ name: `check ${i}`, status: "pass" }));

test("a report with no results, or fewer than expected, fails", async () => {
  assert.deepEqual(await failuresOf({ results: [], outputs: {} }, RESULTS.all), [
    `the report holds at least ${RESULTS.all} results`,
  ]);
  assert.deepEqual(await failuresOf({ results: passing(RESULTS.all - 1), outputs: {} }, RESULTS.all), [
    `the report holds at least ${RESULTS.all} results`,
  ]);
  assert.deepEqual(await failuresOf({ outputs: {} }, RESULTS.client), [
    `the report holds at least ${RESULTS.client} results`,
  ]);
});

test("a report with every expected result passes; a harness must say how many it expects", async () => {
  assert.deepEqual(await failuresOf({ results: passing(RESULTS.all), outputs: {} }, RESULTS.all), []);
  await assert.rejects(
    failuresOf({ results: passing(8), outputs: {} }, undefined),
    /number of results the harness expects/,
  );
});

test("the expected counts match the smoke suite's checks", async () => {
  // smoke.mjs runs only inside the scratch project (it imports the fixtures written there), so
  // its checks are counted by part from its source.
  const source = await readFile(new URL("./smoke/smoke.mjs", import.meta.url), "utf8");
  const counted = { core: 0, callbacks: 0, client: 0 };
  for (const [, part] of source.matchAll(/^\s+part: "(\w+)",$/gm)) counted[part] += 1;
  assert.deepEqual(counted, { core: RESULTS.core, callbacks: RESULTS.callbacks, client: RESULTS.client });
});
