// Types of `smart-invite/queue`: invites sent through BullMQ on Redis under one shared rate limit.

import type { ConnectionOptions, Queue, Worker } from "bullmq";
import type {
  CancelPayload,
  InviteResponse,
  RemoveRecipientPayload,
  SmartInviteClientOptions,
  UpsertPayload,
} from "../types/client.js";
import type { DataCenterId, ErrorMap, SmartInviteErrorKind } from "../types/core.js";

/** Where Redis is: what BullMQ takes as `connection` (ioredis options such as
 * `{ host, port, password }`, or an ioredis instance). */
export type RedisConnection = ConnectionOptions;

export interface InviteQueueOptions {
  connection: RedisConnection;
  /** The BullMQ queue name; workers must use the same one. Default "smart-invites". */
  name?: string;
  /** BullMQ's key prefix; default "bull". */
  prefix?: string;
  /** The data center whose rules the payloads are validated with; default "us". */
  dataCenter?: DataCenterId;
  /** Attempts per job for server errors, network failures and timeouts (with backoff, and
   * Retry-After when the API sends it). Default 10. */
  attempts?: number;
}

/** A change to queue: a create or update, a cancel, or the removal of one recipient (each as
 * `SmartInviteClient` takes it, or as JSON text). */
export type QueuedChange = UpsertPayload | CancelPayload | RemoveRecipientPayload;

/** `jobId`: `smart_invite_id|recipient|number` (`*` for a multi-recipient invite, the number
 * counting that invite's changes), percent-encoded. */
export type AddResult = { ok: true; jobId: string } | { ok: false; errors: ErrorMap };

/** What the API answered for a job, once it has one. `superseded`: never sent, because a later
 * change of the same invite made it moot (docs/scale.md has the rules). */
export type JobResult =
  | { state: "completed"; invite: InviteResponse }
  | { state: "failed"; error: QueuedInviteError; attempts: number }
  | { state: "superseded" }
  | { state: "waiting" | "active" | "delayed" | "prioritized" | "waiting-children" | "unknown" };

/** The typed error of a failed job (a `SmartInviteError` as data). */
export interface QueuedInviteError {
  kind: SmartInviteErrorKind;
  message: string;
  status?: number;
  requestId?: string;
  retryAfterMs?: number;
  errors?: ErrorMap;
}

export interface InviteQueue {
  readonly name: string;
  /** Validates, then queues a change. Invalid: `{ ok: false, errors }` at once, nothing queued.
   * The last change queued for an invite is what Cronofy ends with. A change identical to the
   * last one queued for its invite, while that one still waits, merges into it (same `jobId`);
   * any other change is a new job that will be sent or superseded by a later one. */
  add(payload: QueuedChange | string): Promise<AddResult>;
  /** `add` for many, one result per payload, in order (the order of their changes too); the
   * valid ones are queued in bulk. */
  addMany(payloads: Iterable<QueuedChange | string>): Promise<AddResult[]>;
  /** Jobs by state; `completed` counts the changes sent, `superseded` those a later change made moot. */
  counts(): Promise<{
    waiting: number;
    active: number;
    completed: number;
    superseded: number;
    failed: number;
    delayed: number;
  }>;
  /** The API's answer (with its ICS) once the job has completed, or its typed error once it failed. */
  result(jobId: string): Promise<JobResult>;
  close(): Promise<void>;
  /** The BullMQ queue underneath. */
  readonly queue: Queue;
}

export interface SharedRateLimit {
  /** Requests per sliding second for every worker together. */
  perSecond?: number;
  /** Requests per sliding minute for every worker together. */
  perMinute?: number;
  /** Time added to each window for the jitter between a slot and the request's arrival at the
   * API; default 50 ms (see docs/scale.md). */
  marginMs?: number;
}

export interface InviteWorkerOptions {
  connection: RedisConnection;
  /** The queue's name; default "smart-invites". */
  name?: string;
  prefix?: string;
  /** The `SmartInviteClient` options (`clientSecret`, `dataCenter`, ...). Retries are the
   * queue's, so `maxRetries` is set to 0. */
  client: SmartInviteClientOptions;
  /** One limit shared by every worker on the queue (give them all the same); default Cronofy's
   * `{ perSecond: 50, perMinute: 500 }`, and a limit left out keeps its default; `false` for none. */
  rateLimit?: SharedRateLimit | false;
  /** Jobs this worker sends at once; default 8. */
  concurrency?: number;
  /** How long a job's lock, and its invite's lease, last without renewal: a killed worker's
   * jobs go to another worker after it, and the next change of its invites waits that long.
   * BullMQ's default is 30000. */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died; BullMQ's default is 30000. */
  stalledIntervalMs?: number;
}

export interface InviteWorker {
  /** Resolves once the worker takes jobs. */
  readonly ready: Promise<void>;
  /** The BullMQ worker underneath (events: "completed", "failed", "error", ...). */
  readonly worker: Worker;
  /** Send slots this worker reserved from the shared limit, and how many it gave up: covered
   * by a pause that began after it was given, or woken up more than half the margin late. */
  slotCounts(): { slots: number; pausedSlots: number; lateSlots: number };
  /** Finishes the jobs in hand, then stops. */
  close(): Promise<void>;
}

export function createInviteQueue(options: InviteQueueOptions): InviteQueue;
export function startInviteWorker(options: InviteWorkerOptions): InviteWorker;
export const DEFAULT_QUEUE_NAME: "smart-invites";
