// The package's types under tsc --strict, as a consumer compiles them from the packed tarball:
// inviteSchema is a StandardSchemaV1<InvitePayload, Invite> of the official @standard-schema/spec
// types, and each client method answers with what the API always sends as non-optional.
// Assignments to non-optional types fail to compile when a type is loosened; `@ts-expect-error`
// lines fail the build when the line under them compiles, so a type widened the other way
// (a field promised that the API does not always send) fails too.

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

test("tsc --strict: each method's answer has what the API always sends, and no more", () => {
  const r = compile({
    "response-types.mts": `
      import { SmartInviteClient, type RecipientState, type ReplyStatus, type ReportedTime,
        type UpsertPayload } from "smart-invite";

      const client = new SmartInviteClient({ clientSecret: "s", baseUrl: "http://127.0.0.1:8787" });
      const event = { summary: "Interview", start: "2026-04-29T10:30", end: "2026-04-29T11:00", tzid: "Europe/London" };

      // upsert with recipient: the recipient's status, the event and the .ics, as the issue's user wrote it.
      const inv = await client.upsert({ smart_invite_id: "i", recipient: { email: "ann@example.com" }, event });
      const s: string = inv.recipient.status;
      const status: ReplyStatus = inv.recipient.status;
      const ics: string = inv.attachments.icalendar;
      const summary: string = inv.event.summary;
      const start: ReportedTime = inv.event.start;
      const end: string = inv.event.end.time;
      // @ts-expect-error: a single-recipient answer has no recipients list
      const none: RecipientState[] = inv.recipients;
      // @ts-expect-error: the API may leave out the callback_url (it was not sent)
      const callback: string = inv.callback_url;

      // upsert with recipients: every recipient with a status.
      const team = await client.upsert({ smart_invite_id: "t", recipients: [{ email: "a@example.com" }, { email: "b@example.com" }], event });
      const statuses: ReplyStatus[] = team.recipients.map((r) => r.status);
      const teamIcs: string = team.attachments.icalendar;
      // @ts-expect-error: a multi-recipient answer has no single recipient
      const one: RecipientState = team.recipient;

      // upsert with a payload whose form is not known statically (typed UpsertPayload): either.
      const payload: UpsertPayload = JSON.parse("{}");
      const either = await client.upsert(payload);
      const eitherIcs: string = either.attachments.icalendar;
      if (either.recipient) { const st: string = either.recipient.status; console.log(st); }
      else { const list: RecipientState[] = either.recipients; console.log(list); }
      // @ts-expect-error: narrow first: it may be a multi-recipient answer
      const eitherStatus: string = either.recipient.status;
      console.log(eitherIcs, eitherStatus);
      const fromText = await client.upsert("{}");
      const textIcs: string = fromText.attachments.icalendar;

      // cancel: the .ics that removes the event.
      const cancelled = await client.cancel({ smart_invite_id: "i", recipient: { email: "ann@example.com" } });
      const cancelIcs: string = cancelled.attachments.icalendar;
      // @ts-expect-error: a cancel answer is not promised to echo the recipient's status
      const cancelStatus: string = cancelled.recipient.status;

      // get with recipient_email: that recipient's status and the event; the .ics only when asked.
      const read = await client.get({ smart_invite_id: "i", recipient_email: "ann@example.com" });
      const readStatus: ReplyStatus = read.recipient.status;
      const readSummary: string = read.event.summary;
      const replyStatuses: ReplyStatus[] | undefined = read.replies?.map((r) => r.status);
      // @ts-expect-error: a read without include_ics carries no .ics
      const readIcs: string = read.attachments.icalendar;
      const withIcs = await client.get({ smart_invite_id: "i", recipient_email: "ann@example.com", include_ics: true });
      const withIcsText: string = withIcs.attachments.icalendar;
      const withIcsStatus: string = withIcs.recipient.status;

      // get without recipient_email: a multi-recipient invite, every recipient.
      const everyone = await client.get({ smart_invite_id: "t" });
      const everyoneStatuses: ReplyStatus[] = everyone.recipients.map((r) => r.status);
      // @ts-expect-error: no single recipient without recipient_email
      const nobody: RecipientState = everyone.recipient;
      const everyoneIcs: string = (await client.get({ smart_invite_id: "t", include_ics: true })).attachments.icalendar;

      // recipient_email known only at run time: either shape.
      const maybe = [undefined, "ann@example.com"][Date.now() % 2];
      const unknown = await client.get({ smart_invite_id: "t", recipient_email: maybe });
      const unknownList: RecipientState[] | undefined = unknown.recipients;
      // @ts-expect-error: narrow first
      const unknownOne: RecipientState = unknown.recipient;

      console.log(s, status, ics, summary, start, end, none, callback, statuses, teamIcs, one, textIcs, cancelIcs,
        cancelStatus, readStatus, readSummary, replyStatuses, readIcs, withIcsText, withIcsStatus, everyoneStatuses,
        nobody, everyoneIcs, unknownList, unknownOne);
    `,
  });
  assert.equal(r.status, 0, r.output);
});
