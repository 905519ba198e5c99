// Types of `smart-invite/queue`: invites sent through BullMQ on Redis under one shared rate limit.

import type { ConnectionOptions, Queue, Worker } from "bullmq";
import type { InviteResponse, SmartInviteClientOptions, UpsertPayload } from "../types/client.js";
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

export type AddResult = { ok: true; jobId: string } | { ok: false; errors: ErrorMap };

/** What the API answered for a job, once it has one. */
export type JobResult =
  | { state: "completed"; invite: InviteResponse }
  | { state: "failed"; error: QueuedInviteError; attempts: number }
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
  /** Validates, then queues. Invalid: `{ ok: false, errors }` at once, nothing queued. The same
   * invite added twice is one job (its id: smart_invite_id, recipient(s), hash of the normalized body). */
  add(payload: UpsertPayload | string): Promise<AddResult>;
  /** `add` for many, one result per payload, in order; the valid ones are queued in bulk. */
  addMany(payloads: Iterable<UpsertPayload | string>): Promise<AddResult[]>;
  counts(): Promise<{ waiting: number; active: number; completed: number; failed: number; delayed: number }>;
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
  /** How long a job's lock lasts without renewal: a killed worker's jobs go to another worker
   * after it. BullMQ's default is 30000. */
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
/** The job id of a normalized invite (what `add` returns as `jobId`). */
export function inviteJobId(invite: object): string;
export const DEFAULT_QUEUE_NAME: "smart-invites";
