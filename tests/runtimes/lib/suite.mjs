// What every runtime test file sets up: the scratch project, the stand-in API (also serving the
// scratch project's files, for pages) and Node ESM's results to compare with.
import { after, before } from "node:test";
import { nodeReference } from "./run.mjs";
import { scratchProject } from "./scratch.mjs";
import { startStandInApi } from "./stand-in-api.mjs";

/** Registers before/after hooks in the current suite; the returned object is filled by them. */
export function useRuntimeFixture() {
  const fixture = {};
  before(async () => {
    fixture.scratch = scratchProject();
    fixture.dir = fixture.scratch.dir;
    fixture.api = await startStandInApi({ staticDir: fixture.dir });
    fixture.reference = await nodeReference(fixture.dir);
  });
  after(async () => {
    await fixture.api?.close();
    fixture.scratch?.dispose();
  });
  return fixture;
}
