// `smart-invite/json-schema`: JSON Schemas of the invite payload (what validateInvite takes)
// and of the normalized invite (what it gives), for OpenAPI documents and LLM tool calling.
// A subpath of its own that loads no wasm, so a page that only validates never downloads it.
//
// The schemas say what JSON Schema can: types, required fields, one of recipient/recipients,
// the event for `request`, the forbidden attendees and conferencing, lengths, enums and the
// forms of times. What it cannot say (DST gaps, known zone ids, start before end, ...) is
// listed in docs/schema.md; validateInvite checks all of it.

import { LIMITS, METHODS } from "../gen/definitions.mjs";

const TARGETS = {
  "draft-2020-12": { uri: "https://json-schema.org/draft/2020-12/schema", defs: "$defs" },
  "draft-07": { uri: "http://json-schema.org/draft-07/schema#", defs: "definitions" },
};

// A time as validateInvite reads it: a date, or a date and time with optional seconds (a zero
// fraction only: the API refuses others) and an optional `Z` or offset; without one it is a
// local time in the event's zone.
const DATE = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])";
const CLOCK = "(?:[01][0-9]|2[0-3]):[0-5][0-9]";
const OFFSET = "(?:[Zz]|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?)";
const WRITTEN_TIME = `^${DATE}(?:[Tt ]${CLOCK}(?::[0-5][0-9](?:\\.0+)?)?${OFFSET}?)?$`;
// What the normalized invite holds: a UTC time to the second, or a date.
const UTC_TIME = `^${DATE}(?:T${CLOCK}:[0-5][0-9]Z)?$`;
// A decimal text as the validator reads coordinates (the grammar of a finite number).
const DECIMAL = "^[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?$";
const NOT_BLANK = "\\S";
const STATUSES = ["pending", "accepted", "tentative", "declined"];

const text = (description, extra) => ({ type: "string", description, ...extra });
const object = (description, properties, required, extra) => ({
  type: "object",
  description,
  properties,
  ...(required ? { required } : {}),
  ...extra,
});

/** The definitions shared by both schemas; `ref(name)` points at one of them. */
function definitions(ref, { output }) {
  const email = text("An email address (no display name).", { format: "email", pattern: NOT_BLANK });
  const zone = text("An IANA time zone id, such as Europe/London.", { examples: ["Europe/London"] });
  const time = output
    ? object(
        "A time in UTC (2026-04-29T09:30:00Z) or a date (2026-04-29) for all-day events, with the zone it is shown in.",
        { time: text("UTC time or date.", { pattern: UTC_TIME }), tzid: ref("zone") },
        ["time", "tzid"],
      )
    : {
        description:
          "A time: 2026-04-29T09:30:00Z, 2026-04-29T10:30:00+01:00, a local 2026-04-29T09:30 read in the event's tzid, or a date 2026-04-29 for all-day events; or { time, tzid } giving this end its own zone.",
        anyOf: [
          text("A time or date as written.", { pattern: WRITTEN_TIME, examples: ["2026-04-29T09:30"] }),
          object(
            "A time with its own zone.",
            { time: text("A time or date.", { pattern: WRITTEN_TIME }), tzid: ref("zone") },
            ["time"],
          ),
        ],
      };
  const coordinate = (name, limit) =>
    output
      ? text(`The ${name} as a decimal string.`, { pattern: DECIMAL })
      : {
          description: `The ${name}, -${limit} to ${limit}: a number or a decimal string.`,
          anyOf: [{ type: "number", minimum: -limit, maximum: limit }, text("A decimal number.", { pattern: DECIMAL })],
        };
  return {
    email,
    zone,
    time,
    recipient: object("The person invited.", { email: ref("email") }, ["email"]),
    listedRecipient: object(
      "One of several people invited to the same event.",
      {
        email: ref("email"),
        status: { enum: STATUSES, description: "An initial status; pending when left out." },
      },
      ["email"],
    ),
    organizer: object("Who the invite comes from.", {
      name: text("The organizer's name in the recipient's calendar."),
      email: { ...ref("email"), description: "A custom organizer address (mail to it must be forwarded)." },
    }),
    event: object(
      "The event the recipients are invited to.",
      {
        summary: text("The title.", { pattern: NOT_BLANK, maxLength: LIMITS.maxSummaryChars }),
        description: text("Plain text.", { maxLength: LIMITS.maxDescriptionChars }),
        start: ref("time"),
        end: ref("time"),
        ...(output
          ? {}
          : { tzid: { ...ref("zone"), description: "The zone the event is shown in (default Etc/UTC)." } }),
        location: object("Where it takes place.", {
          description: text("The place, as text."),
          lat: coordinate("latitude", LIMITS.maxLatitude),
          long: coordinate("longitude", LIMITS.maxLongitude),
        }),
        reminders: {
          type: "array",
          description: `Up to ${LIMITS.maxReminders} reminders, in priority order.`,
          maxItems: LIMITS.maxReminders,
          items: object(
            "A reminder.",
            {
              minutes: {
                type: "integer",
                minimum: 0,
                maximum: LIMITS.maxReminderMinutes,
                description: "Minutes before the start.",
              },
            },
            ["minutes"],
          ),
        },
        transparency: { enum: ["opaque", "transparent"], description: "Whether the event shows as busy." },
        color: text("A colour such as #c6040f.", { pattern: "^#[0-9a-fA-F]{6}$" }),
        url: text("A link for the event.", { format: "uri" }),
        // Set by the Smart Invite itself; refused with Smart Invites.
        attendees: false,
        conferencing: false,
      },
      ["summary", "start", "end"],
    ),
  };
}

/** The whole schema of the payload (`output` false) or of the normalized invite (true). */
function build(target = "draft-2020-12", { output = false } = {}) {
  const dialect = TARGETS[target];
  if (!dialect) {
    throw new Error(
      `smart-invite has no JSON Schema for target "${target}"; use one of: ${Object.keys(TARGETS).join(", ")}.`,
    );
  }
  const ref = (name) => ({ $ref: `#/${dialect.defs}/${name}` });
  const methods = {
    request: { properties: { method: { const: "request" }, event: ref("event") }, required: ["event"] },
    cancel: { properties: { method: { const: "cancel" } }, required: ["method"] },
    remove: { properties: { method: { const: "remove" } }, required: ["method", "recipient"] },
  };
  if (output) methods.request.required.push("method");
  return {
    $schema: dialect.uri,
    title: output ? "Normalized Cronofy Smart Invite" : "Cronofy Smart Invite request",
    description: output
      ? "The body of POST /v1/smart_invites as validateInvite writes it."
      : "A Smart Invite to create or update (method request, the default), cancel, or remove one recipient from. Checked in full by smart-invite's validateInvite.",
    type: "object",
    properties: {
      method: {
        enum: [...METHODS],
        ...(output ? {} : { default: "request" }),
        description: "request creates or updates (needs an event); cancel and remove take no event.",
      },
      smart_invite_id: text("Your id for the invite; with the recipient's email it names one invitation.", {
        pattern: NOT_BLANK,
      }),
      recipient: ref("recipient"),
      recipients: {
        type: "array",
        description: "Several people invited to one event (instead of recipient).",
        minItems: 1,
        items: ref("listedRecipient"),
      },
      callback_url: text("An http(s) URL Cronofy posts reply notifications to.", { format: "uri" }),
      organizer: ref("organizer"),
      event: { description: "The event (for request; ignored by cancel and remove)." },
    },
    required: output ? ["method", "smart_invite_id"] : ["smart_invite_id"],
    allOf: [
      { oneOf: [{ required: ["recipient"] }, { required: ["recipients"] }] },
      { anyOf: [methods.request, methods.cancel, methods.remove] },
    ],
    [dialect.defs]: definitions(ref, { output }),
  };
}

/**
 * The JSON Schema of the invite payload, a new object each call. `target` is
 * "draft-2020-12" (the default, as OpenAPI 3.1 uses) or "draft-07".
 */
export function inviteJsonSchema({ target } = {}) {
  return build(target);
}

/** The JSON Schema of the normalized invite (validateInvite's `invite`, the request body). */
export function normalizedInviteJsonSchema({ target } = {}) {
  return build(target, { output: true });
}

/** Standard JSON Schema v1 (https://standardschema.dev): for tools that take
 * `~standard.jsonSchema.input({ target })`. */
export const inviteStandardJsonSchema = Object.freeze({
  "~standard": Object.freeze({
    version: 1,
    vendor: "smart-invite",
    jsonSchema: Object.freeze({
      input: ({ target }) => build(target),
      output: ({ target }) => build(target, { output: true }),
    }),
  }),
});
