// Types of the API client and the callback helpers (Rust: src/wasm/client.rs, src/wasm/callbacks.rs).

import type { DataCenterId, InvitePayload, RecipientInput, SmartInviteError } from "./core.js";

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

/** A recipient as the API reports them on an invite: the status is always there. */
export interface RecipientState extends Reply {
  status: ReplyStatus;
}

/** The event of a response. */
export interface ResponseEvent {
  summary?: string;
  description?: string;
  start?: ReportedTime;
  end?: ReportedTime;
  location?: { description?: string; lat?: string; long?: string };
  reminders?: { minutes: number }[];
  transparency?: "opaque" | "transparent";
  color?: string;
  url?: string;
}

/** The event as creates, updates and reads always give it back. */
export interface EchoedEvent extends ResponseEvent {
  summary: string;
  start: ReportedTime;
  end: ReportedTime;
}

/** `attachments` with the .ics to email to the recipient(s). */
export interface IcsAttachments {
  icalendar: string;
  removed?: { email: string };
}

/** The invite as the API holds it: any answer, read permissively (older flat `start`/`end`
 * strings with a sibling `tzid` are turned into `{ time, tzid }`; unknown fields are left
 * out). Each method answers with a narrower type below: what the API always sends is not
 * optional there, and the client checks it (a 2xx answer without it is `invalid_response`). */
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
  event?: ResponseEvent;
  /** `icalendar`: the .ics text to email to the recipient(s). `removed`: after removeRecipient. */
  attachments?: { icalendar?: string; removed?: { email: string } };
}

/** The answer to `upsert` with `recipient`: their status, the event and the .ics. */
export interface SingleUpsertResponse extends InviteResponse {
  recipient: RecipientState;
  recipients?: undefined;
  event: EchoedEvent;
  attachments: IcsAttachments;
}

/** The answer to `upsert` with `recipients`: each one's status, the event and the .ics. */
export interface MultiUpsertResponse extends InviteResponse {
  recipient?: undefined;
  recipients: RecipientState[];
  event: EchoedEvent;
  attachments: IcsAttachments;
}

/** The answer to `cancel`: the .ics that removes the event from the recipient's calendar. */
export interface CancelResponse extends InviteResponse {
  attachments: IcsAttachments;
}

/** The answer to `get` with `recipient_email`: that recipient's status and the event. */
export interface SingleInviteRead extends InviteResponse {
  recipient: RecipientState;
  recipients?: undefined;
  replies?: RecipientState[];
  event: EchoedEvent;
}

/** The answer to `get` without `recipient_email` (a multi-recipient invite): everyone's status. */
export interface MultiInviteRead extends InviteResponse {
  recipient?: undefined;
  recipients: RecipientState[];
  replies?: RecipientState[];
  event: EchoedEvent;
}

/** A read with `include_ics: true` also carries the .ics. */
export type WithIcs<T extends InviteResponse> = T & { attachments: IcsAttachments };

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
  /** Paces every request of this client under the API's rate limits: no sliding second (or
   * minute) carries more than the limit, and a 429's Retry-After pauses every call on the
   * client. Default Cronofy's `{ perSecond: 50, perMinute: 500 }` (a field left out keeps its
   * default); `false` sends without pacing (smart-invite/queue's workers share a limit in Redis). */
  rateLimit?: RateLimitOptions | boolean;
}

export interface RateLimitOptions {
  /** Requests per sliding second, 1 to 10000; default 50. */
  perSecond?: number;
  /** Requests per sliding minute, 1 to 600000; default 500. */
  perMinute?: number;
  /** Milliseconds added to each window for the jitter between a request's slot and its arrival
   * at the API, 0 to 999; default 50 (see docs/scale.md). */
  marginMs?: number;
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
  /** Creates or updates. The answer's type follows the payload: `recipient` or `recipients`. */
  upsert(payload: UpsertPayload & { recipient: RecipientInput; recipients?: undefined }): Promise<SingleUpsertResponse>;
  upsert(
    payload: UpsertPayload & { recipients: RecipientInput[]; recipient?: undefined },
  ): Promise<MultiUpsertResponse>;
  upsert(payload: UpsertPayload | string): Promise<SingleUpsertResponse | MultiUpsertResponse>;
  cancel(payload: CancelPayload | string): Promise<CancelResponse>;
  removeRecipient(payload: RemoveRecipientPayload | string): Promise<InviteResponse>;
  /** Reads an invite. With `recipient_email`, that recipient; without, every recipient (a
   * multi-recipient invite); `include_ics: true` adds the .ics. */
  get(params: GetParams & { recipient_email: string; include_ics: true }): Promise<WithIcs<SingleInviteRead>>;
  get(params: GetParams & { recipient_email: string }): Promise<SingleInviteRead>;
  get(params: GetParams & { recipient_email?: undefined; include_ics: true }): Promise<WithIcs<MultiInviteRead>>;
  get(params: GetParams & { recipient_email?: undefined }): Promise<MultiInviteRead>;
  get(params: GetParams): Promise<SingleInviteRead | MultiInviteRead>;
  /** Many creates or updates: all validated first, then the valid ones sent under the
   * client's rate limit, `concurrency` at a time. One result per input, in input order;
   * never throws because an invite failed. */
  upsertMany(invites: Iterable<UpsertPayload | string>, options?: UpsertManyOptions): Promise<UpsertManyResult[]>;
  /** `{ baseUrl, dataCenter, timeoutMs, maxRetries }`: never the secret. */
  toJSON(): {
    baseUrl: string;
    dataCenter: DataCenterId;
    timeoutMs: number;
    maxRetries: number;
    rateLimit: Required<RateLimitOptions> | false;
  };
  toString(): string;
  free(): void;
}

export interface UpsertManyOptions {
  /** Requests in flight at once; default 8 (the rate limit paces them either way). */
  concurrency?: number;
  /** After validation and after each invite: how many are done (failures included), of how many. */
  onProgress?: (done: number, total: number, failed: number) => void;
  /** Each result as soon as it is known, with the index of its invite. */
  onResult?: (result: UpsertManyResult, index: number) => void;
  /** Aborting stops new sends (those in flight finish); the rest fail with kind "aborted". */
  signal?: AbortSignal;
}

/** One invite's outcome in `upsertMany`: the API's answer, or what `upsert` would have thrown. */
export type UpsertManyResult =
  | { ok: true; invite: SingleUpsertResponse | MultiUpsertResponse }
  | { ok: false; error: SmartInviteError };

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
