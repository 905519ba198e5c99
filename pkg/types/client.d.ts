// Types of the API client and the callback helpers (Rust: src/wasm/client.rs, src/wasm/callbacks.rs).

import type { DataCenterId, InvitePayload } from "./core.js";

/** A recipient's answer. Other values may appear as Cronofy adds them. */
export type ReplyStatus = "pending" | "accepted" | "tentative" | "declined" | (string & {});

/** A time as the API reports it (kept exactly as given: proposals carry offsets such as +02:00). */
export interface ReportedTime {
  time: string;
  tzid?: string;
}

/** A recipient's state or reply: status, an optional comment and an optional proposed new time. */
export interface Reply {
  email: string;
  status?: ReplyStatus;
  comment?: string;
  proposal?: { start: ReportedTime; end: ReportedTime };
}

/** The invite as the API holds it: the answer of upsert, cancel, removeRecipient and get.
 * Read permissively: older flat `start`/`end` strings with a sibling `tzid` are turned into
 * `{ time, tzid }`; unknown fields are left out. */
export interface InviteResponse {
  smart_invite_id: string;
  method?: "request" | "cancel" | "remove";
  callback_url?: string;
  /** The recipient of a single-recipient invite. */
  recipient?: Reply;
  /** The recipients of a multi-recipient invite. */
  recipients?: Reply[];
  /** Replies received (reads). */
  replies?: Reply[];
  event?: {
    summary?: string;
    description?: string;
    start?: ReportedTime;
    end?: ReportedTime;
    location?: { description?: string; lat?: string; long?: string };
    reminders?: { minutes: number }[];
    transparency?: "opaque" | "transparent";
    color?: string;
    url?: string;
  };
  /** `icalendar`: the .ics text to email to the recipient(s). `removed`: after removeRecipient. */
  attachments?: { icalendar?: string; removed?: { email: string } };
}

export interface SmartInviteClientOptions {
  /** The client secret of your Cronofy application. Never shown by the client or its errors. */
  clientSecret: string;
  /** The data center of the application; default "us". */
  dataCenter?: DataCenterId;
  /** Overrides the data center's URL: `https:` only, or `http:` to a loopback host (a local mock). */
  baseUrl?: string;
  /** Time limit of each attempt, in ms; default 10000. */
  timeoutMs?: number;
  /** Retries after a 429, a 5xx, a network failure or a timeout; default 2 (0 to 10). */
  maxRetries?: number;
  /** A fetch to use instead of the global one (proxies, tests). */
  fetch?: (request: Request) => Promise<Response>;
  /** Lets the client run where `window` or `document` exists. Only for pages nobody else can
   * open: any visitor of a public page can read the client secret. Default false. */
  allowBrowser?: boolean;
  /** Backoff before the first retry (doubling, jittered, at most 10 s); default 500 ms. */
  retryDelayMs?: number;
  /** The longest Retry-After waited for; a longer one ends the retries at once (the error
   * carries `retryAfterMs`). Default 30000. */
  maxRetryAfterMs?: number;
}

/** A create or update: the Smart Invite payload (`method` may be left out). */
export type UpsertPayload = InvitePayload & { method?: "request" };
/** A cancellation: `{ smart_invite_id, recipient }` or `{ smart_invite_id, recipients }`. */
export type CancelPayload = Omit<InvitePayload, "method" | "event"> & { method?: "cancel" };
/** Removal of one recipient of a multi-recipient invite. */
export type RemoveRecipientPayload = Pick<InvitePayload, "smart_invite_id" | "recipient"> & { method?: "remove" };
export interface GetParams {
  smart_invite_id: string;
  /** Leave out to read a multi-recipient invite with every recipient. */
  recipient_email?: string;
  /** Ask for `attachments.icalendar`. */
  include_ics?: boolean;
}

/**
 * Sends Smart Invites. Every call validates and normalizes first and sends nothing when the
 * payload is invalid; failures are `SmartInviteError` with `kind` one of "validation",
 * "unauthorized", "payment_required", "forbidden", "not_found", "rate_limited", "server",
 * "timeout", "network", "invalid_response" (the constructor throws "invalid_options").
 */
export class SmartInviteClient {
  constructor(options: SmartInviteClientOptions);
  upsert(payload: UpsertPayload | string): Promise<InviteResponse>;
  cancel(payload: CancelPayload | string): Promise<InviteResponse>;
  removeRecipient(payload: RemoveRecipientPayload | string): Promise<InviteResponse>;
  get(params: GetParams): Promise<InviteResponse>;
  /** `{ baseUrl, dataCenter, timeoutMs, maxRetries }`: never the secret. */
  toJSON(): { baseUrl: string; dataCenter: DataCenterId; timeoutMs: number; maxRetries: number };
  toString(): string;
  free(): void;
}

/** The body Cronofy POSTs to an invite's callback_url when a recipient replies. */
export interface SmartInviteNotification {
  notification: { type: "smart_invite" | (string & {}) };
  smart_invite?: {
    smart_invite_id: string;
    callback_url?: string;
    /** The recipient with their current status. */
    recipient?: Reply;
    /** The reply that caused this notification. */
    reply?: Reply;
  };
}

/** Whether `body` (the raw bytes as received) carries a valid Cronofy-HMAC-SHA256 signature
 * for one of the secrets. Constant-time. Throws "invalid_options" for a parsed (non-raw) body
 * or when no secret is given. */
export function verifyNotification(options: {
  body: string | Uint8Array | ArrayBuffer;
  signature: string | null | undefined;
  clientSecret?: string;
  clientSecrets?: string[];
}): boolean;

/** Reads a callback body; throws `SmartInviteError` kind "invalid_notification" saying what is wrong. */
export function parseNotification(body: string | Uint8Array | ArrayBuffer | object): SmartInviteNotification;

/** The Cronofy-HMAC-SHA256 value for a body (base64 HMAC-SHA256), for tests and mocks. */
export function signNotification(body: string | Uint8Array | ArrayBuffer, clientSecret: string): string;
