// The package's types under tsc --strict, as a consumer compiles them from the packed tarball:
// inviteSchema is a StandardSchemaV1<InvitePayload, Invite> of the official @standard-schema/spec
// types. Each check has a good file that must compile and lines that must not (`@ts-expect-error`
// fails the build when the line under it compiles, so loosening a type fails the test).

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { tsc } from "../package/scratch.mjs";
import { consumerProject } from "./lib/project.mjs";

let project;
before(() => {
  project = consumerProject();
});
after(() => project?.cleanup());

/** Writes `files` (name → source) into the project and runs tsc --strict over them. */
function compile(files) {
  for (const [name, source] of Object.entries(files)) writeFileSync(join(project.dir, name), source);
  const r = tsc(project.dir, Object.keys(files));
  return { status: r.status, output: r.stdout + r.stderr };
}

test("tsc --strict: inviteSchema is a StandardSchemaV1<InvitePayload, Invite> of @standard-schema/spec", () => {
  const r = compile({
    "schema-types.mts": `
      import type { StandardSchemaV1 } from "@standard-schema/spec";
      import { inviteSchema, createInviteSchema, type Invite, type InvitePayload, type InviteSchemaIssue } from "smart-invite";

      const official: StandardSchemaV1<InvitePayload, Invite> = inviteSchema;
      const uk: StandardSchemaV1<InvitePayload, Invite> = createInviteSchema({ dataCenter: "uk" });
      type In = StandardSchemaV1.InferInput<typeof inviteSchema>;
      type Out = StandardSchemaV1.InferOutput<typeof inviteSchema>;
      const input: In = { smart_invite_id: "x", recipient: { email: "a@example.com" } };
      const output = (invite: Out): Invite => invite;

      const result = inviteSchema["~standard"].validate(input);
      if (result.issues) {
        const first: InviteSchemaIssue | undefined = result.issues[0];
        const path: ReadonlyArray<string | number> | undefined = first?.path;
        const key: string | undefined = first?.key;
        console.log(path, key, first?.message);
      } else {
        const start: string | undefined = result.value.event?.start.time;
        console.log(start, output(result.value));
      }
      const vendor: "smart-invite" = inviteSchema["~standard"].vendor;
      console.log(official, uk, vendor);

      // @ts-expect-error: validate is synchronous, the result is not a promise
      inviteSchema["~standard"].validate(input).then;
      // @ts-expect-error: not a data center
      createInviteSchema({ dataCenter: "eu" });
      // @ts-expect-error: the output is the normalized Invite, whose event times are objects
      const text: string = (inviteSchema["~standard"].validate(input) as { value: Invite }).value.event!.start;
      console.log(text);
    `,
  });
  assert.equal(r.status, 0, r.output);
});
