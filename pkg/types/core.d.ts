// Types of the core API: the payload you write, the normalized invite, the result, the errors.

/** A Cronofy data center id; `us` is the default. */
export type DataCenterId = "us" | "uk" | "de" | "au" | "ca" | "sg";

// The issue keys and the methods are the core's own (src/validate/issues.rs, src/invite/),
// written by the build from examples/definitions.rs.
import type { InviteMethod, KnownIssueKey } from "../gen/types/definitions.js";

export type { InviteMethod, KnownIssueKey };

/** A recipient's answer to an invite. */
export type RecipientStatus = "pending" | "accepted" | "tentative" | "declined";

/** Whether the event shows the attendee as busy. */
export type Transparency = "opaque" | "transparent";

// ---- The payload as you write it (what `validateInvite` and `normalizeInvite` accept) ----

/**
 * A time as written: `"2026-04-29T09:30:00Z"`, `"2026-04-29T10:30:00+01:00"`, a local
 * `"2026-04-29T09:30"` (read in the event's `tzid`), or a date `"2026-04-29"` for all-day
 * events; or an object giving the time with its own zone.
 */
export type EventTimeInput = string | { time: string; tzid?: string };

export interface RecipientInput {
  email: string;
  /** An initial status, for multi-recipient requests only. */
  status?: RecipientStatus;
}

export interface OrganizerInput {
  /** The display name in the recipient's calendar. */
  name?: string;
  /** A custom organizer address (needs mail forwarding to the data center). */
  email?: string;
}

export interface LocationInput {
  description?: string;
  /** Latitude, -90 to 90. */
  lat?: string | number;
  /** Longitude, -180 to 180. */
  long?: string | number;
}

export interface ReminderInput {
  /** Minutes before the start. */
  minutes: number;
}

export interface EventInput {
  /** The title, at most 1024 characters. */
  summary: string;
  /** Plain text, at most 4096 characters. */
  description?: string;
  start: EventTimeInput;
  end: EventTimeInput;
  /** The IANA time zone the event is shown in (`Etc/UTC` with a warning when missing). */
  tzid?: string;
  location?: LocationInput;
  /** Up to five reminders. */
  reminders?: ReminderInput[];
  transparency?: Transparency;
  /** A colour `#rrggbb`. */
  color?: string;
  url?: string;
}

/** A Smart Invite request as you write it; `validateInvite` turns it into an {@link Invite}. */
export interface InvitePayload {
  /** `request` (the default) creates or updates; `cancel` and `remove` need no event. */
  method?: InviteMethod;
  /** Your id for the invite, at most 64 characters. */
  smart_invite_id: string;
  /** The single recipient (exclusive with `recipients`). */
  recipient?: RecipientInput;
  /** Several recipients of one event (exclusive with `recipient`). */
  recipients?: RecipientInput[];
  /** Where Cronofy posts reply notifications (https). */
  callback_url?: string;
  organizer?: OrganizerInput;
  /** The event (for `request` only). */
  event?: EventInput;
}

// ---- The normalized invite: the exact request body ----

export interface Recipient {
  email: string;
  status?: RecipientStatus;
}

export interface Organizer {
  name?: string;
  email?: string;
}

/** A time in UTC (`2026-04-29T09:30:00Z`) or an all-day date (`2026-04-29`), with its zone. */
export interface EventTime {
  time: string;
  tzid: string;
}

export interface Location {
  description?: string;
  /** A decimal string, as the API takes it. */
  lat?: string;
  long?: string;
}

export interface Reminder {
  minutes: number;
}

export interface InviteEvent {
  summary: string;
  description?: string;
  start: EventTime;
  end: EventTime;
  location?: Location;
  reminders?: Reminder[];
  transparency?: Transparency;
  color?: string;
  url?: string;
}

/** A normalized Smart Invite: `JSON.stringify(invite)` is the body of `POST /v1/smart_invites`. */
export interface Invite {
  method: InviteMethod;
  smart_invite_id: string;
  recipient?: Recipient;
  recipients?: Recipient[];
  callback_url?: string;
  organizer?: Organizer;
  event?: InviteEvent;
}

// ---- Results and errors ----

/** A stable key such as `errors.required` or `warnings.unknown_field`; a server may send others. */
export type IssueKey = KnownIssueKey | (string & {});

/** One problem at one field: a stable `key` for programs and a `description` for people. */
export interface Issue {
  key: IssueKey;
  description: string;
}

/**
 * Field path (`"event.start"`, `"recipients[1].email"`, `""` for the whole payload) to its
 * issues: exactly the shape of the `errors` object of Cronofy's 422 responses.
 *
 * One map lists at most 100 issues. When more were found, one more issue at the path `""`,
 * with the key `errors.truncated` (or `warnings.truncated`), says how many were left out.
 * Validity is decided on all of them.
 */
export type ErrorMap = Record<string, Issue[]>;

export interface ValidationSuccess {
  ok: true;
  invite: Invite;
  warnings: ErrorMap;
}

export interface ValidationFailure {
  ok: false;
  errors: ErrorMap;
  warnings: ErrorMap;
}

export type ValidationResult = ValidationSuccess | ValidationFailure;

export interface ValidateOptions {
  /** The data center the invite goes to (it names the organizer forwarding address). */
  dataCenter?: DataCenterId;
}

export interface DataCenter {
  id: DataCenterId;
  /** The API base URL, without a trailing slash. */
  apiUrl: string;
  /** The address mail to a custom organizer email must be forwarded to. */
  forwardingAddress: string;
}

export type SmartInviteErrorKind =
  | "validation"
  | "unauthorized"
  | "payment_required"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "server"
  | "timeout"
  | "network"
  | "invalid_response"
  | "invalid_notification"
  | "invalid_email"
  | "invalid_options"
  | "aborted";

export interface SmartInviteErrorOptions {
  kind?: SmartInviteErrorKind;
  errors?: ErrorMap;
  status?: number;
  requestId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/** The one error class of the package: every failure is a `SmartInviteError` with a `kind`. */
export declare class SmartInviteError extends Error {
  constructor(message: string, options?: SmartInviteErrorOptions);
  readonly name: "SmartInviteError";
  kind: SmartInviteErrorKind;
  /** The error map (kind `validation`, and a server's 422). */
  errors?: ErrorMap;
  /** The HTTP status, for errors from the API. */
  status?: number;
  /** The API's request id, for support. */
  requestId?: string;
  /** How long the API asked to wait (kind `rate_limited`). */
  retryAfterMs?: number;
}

// ---- Functions ----

/**
 * Loads the WebAssembly module. Needed once in browsers before any other call (with no
 * argument it fetches the `.wasm` next to the glue); in Node, Bun, Deno and workerd it
 * resolves at once.
 */
export declare function init(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>,
): Promise<void>;

/**
 * Loads the rest of the package into a page: `SmartInviteClient`, the callback helpers and
 * `buildInviteEmail` are in the server build, which a page downloads only when it calls this
 * (once; by default the `.wasm` in the package, or what `init()` takes). Until then they throw
 * a {@link SmartInviteError} saying to call it. In Node, Bun, Deno and workerd it resolves at
 * once: everything is loaded at import.
 */
export declare function initFull(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>,
): Promise<void>;

/** Checks a payload (an object or JSON text); never throws, whatever the input. */
export declare function validateInvite(input: unknown, options?: ValidateOptions): ValidationResult;

/**
 * The normalized invite, or throws a {@link SmartInviteError} of kind `validation` carrying
 * the error map (kind `invalid_options` for a bad `dataCenter`).
 */
export declare function normalizeInvite(input: unknown, options?: ValidateOptions): Invite;

/** Every IANA time zone id the validator accepts, sorted, for a select box. */
export declare function timeZones(): string[];

/** Up to three known zone ids closest to an unknown one, best first. */
export declare function suggestTimeZones(id: string): string[];

/** The data centers with their API base URLs and forwarding addresses, `us` first. */
export declare function dataCenters(): DataCenter[];
