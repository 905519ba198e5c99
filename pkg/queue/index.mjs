// `smart-invite/queue`: invites sent through a BullMQ queue on Redis, by any number of worker
// processes on any number of machines, under one Cronofy rate limit they share.
//
//   const queue = createInviteQueue({ connection: { host: "127.0.0.1", port: 6379 } });
//   await queue.add(payload);           // { ok: true, jobId } or { ok: false, errors }
//   const worker = startInviteWorker({ connection, client: { clientSecret, dataCenter: "uk" } });
//
// bullmq is an optional peer dependency of smart-invite: only this entry needs it.

import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { SmartInviteClient, SmartInviteError, validateInvite } from "../gen/node.mjs";
import { SharedRateLimit } from "./limiter.mjs";

// Loaded synchronously, so that this entry has no top-level await and `require()` takes it too.
let bullmq;
try {
  bullmq = createRequire(import.meta.url)("bullmq");
} catch (error) {
  throw new Error(
    `smart-invite/queue runs on BullMQ, which is not installed here (${error.message.split("\n")[0]}). ` +
      "Install it beside smart-invite: npm install bullmq ioredis",
  );
}
const { Queue, Worker, UnrecoverableError } = bullmq;

/** The queue's name when none is given. */
export const DEFAULT_QUEUE_NAME = "smart-invites";
/** Cronofy's limits per application: every worker together stays under them. */
const DEFAULT_RATE = { perSecond: 50, perMinute: 500 };
/** Failures worth trying again later; the others go straight to the failed set. */
const RETRYABLE = new Set(["server", "network", "timeout", "rate_limited"]);
/** 429s one job may meet in a row before it counts as a failed attempt (then backoff). */
const MAX_RATE_LIMITED_IN_A_ROW = 20;
/** Attempts per job (server errors, network failures and timeouts), with backoff between. */
const DEFAULT_ATTEMPTS = 10;
/** A 429 without Retry-After pauses every worker this long. */
const DEFAULT_PAUSE_MS = 1_000;
const BACKOFF_TYPE = "smart-invite";

/**
 * The job id of a normalized invite: its smart_invite_id, its recipient(s) and a hash of the
 * whole normalized body, so the same invite queued twice is one job and a changed one is a
 * new job. (BullMQ refuses ":" in custom ids, hence the percent-encoding.)
 */
export function inviteJobId(invite) {
  const people = invite.recipients ?? (invite.recipient ? [invite.recipient] : []);
  const emails = people.map((p) => String(p.email).toLowerCase()).join(",");
  const hash = createHash("sha256").update(JSON.stringify(invite)).digest("base64url").slice(0, 22);
  return [invite.smart_invite_id, emails].map(encodeURIComponent).concat(hash).join("|");
}

function checkName(name) {
  if (typeof name !== "string" || name === "" || name.includes(":")) {
    throw new TypeError(`The queue name must be a non-empty string without ":", got ${JSON.stringify(name)}.`);
  }
}

/**
 * @param {import("./index.d.ts").InviteQueueOptions} options
 * @returns {import("./index.d.ts").InviteQueue}
 */
export function createInviteQueue({ connection, name = DEFAULT_QUEUE_NAME, prefix, dataCenter, attempts } = {}) {
  if (connection === undefined) throw new TypeError("createInviteQueue needs { connection }: the Redis to use.");
  checkName(name);
  const jobAttempts = attempts ?? DEFAULT_ATTEMPTS;
  if (!Number.isSafeInteger(jobAttempts) || jobAttempts < 1) {
    throw new TypeError(`attempts must be a whole number of at least 1, got ${JSON.stringify(attempts)}.`);
  }
  const queue = new Queue(name, { connection, ...(prefix ? { prefix } : {}) });
  const jobOptions = { attempts: jobAttempts, backoff: { type: BACKOFF_TYPE } };

  /** Validates one payload: the job to add, or the error map. */
  function prepare(payload) {
    const checked = validateInvite(payload, dataCenter ? { dataCenter } : undefined);
    if (!checked.ok) return { ok: false, errors: checked.errors };
    const invite = checked.invite;
    if (invite.method !== "request") {
      const errors = {
        method: [
          { key: "errors.unsupported", description: "The invite queue sends creates and updates (method request)." },
        ],
      };
      return { ok: false, errors };
    }
    const jobId = inviteJobId(invite);
    return { ok: true, jobId, job: { name: "upsert", data: invite, opts: { ...jobOptions, jobId } } };
  }

  return {
    name,
    async add(payload) {
      const prepared = prepare(payload);
      if (!prepared.ok) return prepared;
      await queue.add(prepared.job.name, prepared.job.data, prepared.job.opts);
      return { ok: true, jobId: prepared.jobId };
    },

    async addMany(payloads) {
      const prepared = Array.from(payloads, prepare);
      const jobs = prepared.filter((p) => p.ok).map((p) => p.job);
      // In pipelines of a bounded size: one huge MULTI holds Redis for its whole length.
      for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
      return prepared.map((p) => (p.ok ? { ok: true, jobId: p.jobId } : p));
    },

    async counts() {
      const counts = await queue.getJobCounts("waiting", "active", "completed", "failed", "delayed");
      return {
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
        delayed: counts.delayed ?? 0,
      };
    },

    async result(jobId) {
      const job = await queue.getJob(jobId);
      if (!job) return { state: "unknown" };
      const state = await job.getState();
      if (state === "completed") return { state, invite: job.returnvalue };
      if (state === "failed") return { state, error: failure(job), attempts: job.attemptsMade };
      return { state };
    },

    close: () => queue.close(),
    queue,
  };
}

/** The typed error of a failed job (kept by the worker in the job's progress). */
function failure(job) {
  if (job.progress && typeof job.progress === "object" && job.progress.error) return job.progress.error;
  const match = /^([a-z_]+): ([\s\S]*)$/.exec(job.failedReason ?? "");
  return match ? { kind: match[1], message: match[2] } : { kind: "unknown", message: job.failedReason ?? "" };
}

/** What a failed job keeps of a SmartInviteError (never its cause: it may hold a socket). */
function describeError(error) {
  const kept = { kind: error.kind, message: error.message };
  for (const field of ["status", "requestId", "retryAfterMs", "errors"]) {
    if (error[field] !== undefined) kept[field] = error[field];
  }
  return kept;
}

/** Backoff before attempt n + 1: what Retry-After said, else 1 s doubling up to 60 s, jittered. */
function backoff(attemptsMade, _type, error) {
  if (Number.isFinite(error?.retryAfterMs)) return error.retryAfterMs;
  const ceiling = Math.min(60_000, 1_000 * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

function checkRate(rate) {
  if (rate === false) return false;
  if (rate !== undefined && (typeof rate !== "object" || rate === null)) {
    throw new TypeError("rateLimit takes { perSecond?, perMinute?, marginMs? } or false.");
  }
  // A limit left out keeps Cronofy's default: raising one never drops the other by accident.
  const merged = { ...DEFAULT_RATE };
  for (const [field, value] of Object.entries(rate ?? {})) {
    if (!["perSecond", "perMinute", "marginMs"].includes(field)) {
      throw new TypeError(
        `Unknown rateLimit field ${JSON.stringify(field)}; the fields are perSecond, perMinute, marginMs.`,
      );
    }
    if (value !== undefined) merged[field] = value;
  }
  const { perSecond, perMinute, marginMs } = merged;
  for (const [field, value] of Object.entries({ perSecond, perMinute })) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`rateLimit.${field} must be a whole number of at least 1, got ${JSON.stringify(value)}.`);
    }
  }
  if (marginMs !== undefined && !(Number.isFinite(marginMs) && marginMs >= 0 && marginMs < 1_000)) {
    throw new TypeError(`rateLimit.marginMs must be a number of milliseconds from 0 to 999, got ${marginMs}.`);
  }
  return merged;
}

/**
 * @param {import("./index.d.ts").InviteWorkerOptions} options
 * @returns {import("./index.d.ts").InviteWorker}
 */
export function startInviteWorker({
  connection,
  name = DEFAULT_QUEUE_NAME,
  prefix,
  client,
  rateLimit,
  concurrency = 8,
  lockDurationMs,
  stalledIntervalMs,
} = {}) {
  if (connection === undefined) throw new TypeError("startInviteWorker needs { connection }: the Redis to use.");
  checkName(name);
  const rate = checkRate(rateLimit);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`concurrency must be a whole number of at least 1, got ${JSON.stringify(concurrency)}.`);
  }
  if (typeof client !== "object" || client === null) {
    throw new TypeError("startInviteWorker needs { client }: the SmartInviteClient options (clientSecret, ...).");
  }
  // No retries and no pacing inside the client: each attempt goes through the shared limiter,
  // and the queue retries with backoff that survives a restart.
  const api = new SmartInviteClient({ ...client, maxRetries: 0, rateLimit: false });

  let limiter;
  const worker = new Worker(name, sendInvite, {
    connection,
    concurrency,
    autorun: false,
    ...(prefix ? { prefix } : {}),
    ...(lockDurationMs ? { lockDuration: lockDurationMs } : {}),
    ...(stalledIntervalMs ? { stalledInterval: stalledIntervalMs } : {}),
    settings: { backoffStrategy: backoff },
  });

  async function sendInvite(job) {
    for (let limited = 0; ; ) {
      await limiter?.acquire();
      try {
        return await api.upsert(job.data);
      } catch (error) {
        if (!(error instanceof SmartInviteError)) throw error;
        if (error.kind === "rate_limited" && limited < MAX_RATE_LIMITED_IN_A_ROW) {
          limited += 1;
          await limiter?.pause(error.retryAfterMs ?? DEFAULT_PAUSE_MS);
          continue;
        }
        const last = !RETRYABLE.has(error.kind) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (last) await job.updateProgress({ error: describeError(error) });
        if (!RETRYABLE.has(error.kind)) throw new UnrecoverableError(`${error.kind}: ${error.message}`);
        const retry = new Error(`${error.kind}: ${error.message}`);
        retry.retryAfterMs = error.retryAfterMs;
        throw retry;
      }
    }
  }

  const ready = (async () => {
    if (rate) {
      const base = `${prefix ?? "bull"}:${name}:smart-invite`;
      limiter = new SharedRateLimit(await worker.getBackend().client, { keyBase: base, rate });
      await limiter.listen();
    }
    worker.run().catch((error) => worker.emit("error", error));
  })();
  // Reported through `ready` and the worker's "error" event, not as an unhandled rejection.
  ready.catch(() => {});

  return {
    ready,
    worker,
    /** Send slots this worker reserved, and gave up for a pause or for waking up late. */
    slotCounts: () => ({ ...(limiter?.counts ?? { slots: 0, pausedSlots: 0, lateSlots: 0 }) }),
    async close() {
      await ready.catch(() => {});
      await worker.close();
      await limiter?.close();
      api.free();
    },
  };
}
