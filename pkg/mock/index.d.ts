// Types of `smart-invite/mock`, the local mock of the Cronofy Smart Invites API.

import type { InviteResponse, SmartInviteNotification } from "../types/client.js";

export interface MockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on; default "127.0.0.1". */
  host?: string;
  /** The secret the mock expects as `Authorization: Bearer ...` and signs callbacks with. Default "mock-client-secret". */
  clientSecret?: string;
  /** Which data center's rules and forwarding address to use; default "us". */
  dataCenter?: "us" | "uk" | "de" | "au" | "ca" | "sg";
  /** Share of API requests (0 to 1) that get a random fault from `randomFaults`. */
  faultRate?: number;
  /** Fault specs random faults are drawn from (see `RANDOM_FAULTS`). */
  randomFaults?: string[];
  /** Seed of the random draw, for repeatable runs. Default 1. */
  seed?: number;
  /** The clock used for DTSTAMP. */
  now?: () => Date;
  /** Receives one line per request and any internal failure. */
  log?: (line: string) => void;
  /** Enforce rate limits (sliding windows over accepted requests), answering 429 with
   * Retry-After beyond them: `true` for Cronofy's 50/s and 500/min. Default false (off). */
  rateLimit?: boolean | { perSecond?: number; perMinute?: number };
}

export interface MockRecipient {
  email: string;
  status: "pending" | "accepted" | "tentative" | "declined";
  comment?: string;
  proposal?: object;
  removed?: true;
}

export interface MockInvite {
  smart_invite_id: string;
  /** Sent with `recipients` (one invite for several people). */
  multi: boolean;
  uid: string;
  /** SEQUENCE: grows when the event changes, on cancel and on remove. */
  sequence: number;
  cancelled: boolean;
  recipients: Map<string, MockRecipient>;
  replies: MockRecipient[];
  event?: object;
  organizer?: object;
  callback_url?: string;
}

/** One write to one recipient's invitation, in `MockServer.writes`. */
export interface MockWrite {
  /** The id of the request that made it (`MockRequest.id`, the X-Request-Id answered). */
  request: string;
  smart_invite_id: string;
  email: string;
  /** "created": the request stored a new invitation for this recipient; "updated": it changed
   * one already held. */
  action: "created" | "updated" | "cancelled" | "removed";
}

/** Writes to one recipient's invitation (by smart_invite_id + recipient) since the start or the last reset. */
export interface MockWriteCounts {
  /** 1 once the invitation exists; 2 or more would be a duplicate (or a re-invite after a remove). */
  created: number;
  updated: number;
  cancelled: number;
  removed: number;
}

export interface MockRequest {
  id: string;
  method: string;
  path: string;
  /** When the mock read the request (performance.now() of the mock's process). */
  started: number;
  /** When the sender says it sent it (its `X-Mock-Sent-At` header, epoch ms), on the same clock
   * as `started`; the rate limits judge a request by this time when it is there. */
  sent?: number;
  smart_invite_id?: string;
  recipient?: string;
  fault?: string;
  /** The status answered, 0 when the connection was reset or abandoned. */
  status?: number;
  ms?: number;
  outcome?: "request" | "cancel" | "remove" | "invalid";
}

export interface MockServer {
  /** Base URL for `new SmartInviteClient({ baseUrl })`, e.g. "http://127.0.0.1:41234". */
  url: string;
  port: number;
  clientSecret: string;
  /** Invites by `inviteKey(id, email)` (multi-recipient invites by `inviteKey(id)`). */
  invites: Map<string, MockInvite>;
  /** Every API request seen, in arrival order (control endpoints excluded). */
  requests: MockRequest[];
  /** Every write to a recipient's invitation, in the order done. */
  writes: MockWrite[];
  /** How often requests created, updated, cancelled and removed one recipient's invitation. */
  writeCounts(smartInviteId: string, email: string): MockWriteCounts;
  /** Resolves once no request is being handled (a delayed one goes on after its client gave up). */
  settled(): Promise<void>;
  find(smartInviteId: string, email?: string): MockInvite | undefined;
  /** Queues faults such as "status=503" or "status=429, retry-after=1" for the next requests. */
  injectFaults(specs: string | string[], options?: { smartInviteId?: string }): void;
  /** A recipient replies: the status changes and a signed notification is POSTed to the callback_url. */
  reply(input: {
    smart_invite_id: string;
    email: string;
    status: "pending" | "accepted" | "tentative" | "declined";
    comment?: string;
    proposal?: object;
  }): Promise<{ delivered: boolean; callbackStatus?: number; reason?: string; notification: SmartInviteNotification }>;
  reset(): void;
  close(): Promise<void>;
}

export function startMockServer(options?: MockOptions): Promise<MockServer>;
export function inviteKey(smartInviteId: string, email?: string): string;
export function parseFault(spec: string): object;
export const FAULT_NAMES: ReadonlySet<string>;
export const RANDOM_FAULTS: readonly string[];
/** Cronofy's default limits per application: 50 requests per second and 500 per minute. */
export const CRONOFY_RATE_LIMIT: Readonly<{ perSecond: 50; perMinute: 500 }>;
export type { InviteResponse };
