// Types of the core API: the payload you write, the normalized invite, the result, the errors.

/** A Cronofy data center id; `us` is the default. */
export type DataCenterId = "us" | "uk" | "de" | "au" | "ca" | "sg";

// The payload, the normalized invite and the issue keys are the core's own: the build writes
// them from the JSON Schemas of src/schema/ and from src/validate/issues.rs
// (examples/definitions.rs, pkg/scripts/build.mjs).
export type {
  Event as InviteEvent,
  EventInput,
  Invite,
  InvitePayload,
  KnownIssueKey,
  Location,
  LocationInput,
  Method as InviteMethod,
  Organizer,
  Recipient,
  RecipientStatus,
  Reminder,
  TimeInput,
  Transparency,
} from "../gen/types/definitions.js";

import type {
  Event,
  Invite,
  KnownIssueKey,
  Organizer,
  Recipient,
  Reminder,
  TimeInput,
} from "../gen/types/definitions.js";

/** A time as written (an alias of {@link TimeInput}). */
export type EventTimeInput = TimeInput;
/** A recipient as written: the same fields as the normalized {@link Recipient}. */
export type RecipientInput = Recipient;
/** An organizer as written: the same fields as the normalized {@link Organizer}. */
export type OrganizerInput = Organizer;
/** A reminder as written: the same field as the normalized {@link Reminder}. */
export type ReminderInput = Reminder;
/** One end of a normalized event: a UTC time (`2026-04-29T09:30:00Z`) or a date, with its zone. */
export type EventTime = Event["start"];

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
