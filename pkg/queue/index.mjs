// `smart-invite/queue`: invites sent through a BullMQ queue on Redis, by any number of worker
// processes on any number of machines, under one Cronofy rate limit they share.
//
//   const queue = createInviteQueue({ connection: { host: "127.0.0.1", port: 6379 } });
//   await queue.add(payload);           // { ok: true, jobId } or { ok: false, errors }
//   const worker = startInviteWorker({ connection, client: { clientSecret, dataCenter: "uk" } });
//
// Every change goes through the queue (create or update, cancel, removal of a recipient), and
// the last change queued for an invite is what Cronofy ends with: order.mjs keeps the changes
// of one invite in order across every worker. bullmq is an optional peer dependency of
// smart-invite: only this entry needs it. It is loaded synchronously (no top-level await), so
// that `require("smart-invite/queue")` works too.

import { createRequire } from "node:module";
import { SmartInviteClient, SmartInviteError, validateInvite } from "../gen/node.mjs";
import { inviteIdentity } from "../lib/identity.mjs";
import { SharedRateLimit } from "./limiter.mjs";
import { InviteOrder } from "./order.mjs";

function loadBullMQ() {
  try {
    return createRequire(import.meta.url)("bullmq");
  } catch (error) {
    throw new Error(
      `smart-invite/queue runs on BullMQ, which is not installed here (${error.message.split("\n")[0]}). ` +
        "Install it beside smart-invite: npm install bullmq ioredis",
    );
  }
}
const { Queue, Worker, Job, UnrecoverableError, DelayedError } = loadBullMQ();

/** The queue's name when none is given. */
export const DEFAULT_QUEUE_NAME = "smart-invites";
/** Cronofy's limits per application: every worker together stays under them. */
const DEFAULT_RATE = { perSecond: 50, perMinute: 500 };
/** Failures worth trying again later; the others go straight to the failed set. */
const RETRYABLE = new Set(["server", "network", "timeout", "rate_limited"]);
/** Failures after which Cronofy may still apply the request (no answer came back). */
const UNANSWERED = new Set(["network", "timeout"]);
/** 429s one job may meet in a row before it counts as a failed attempt (then backoff). */
const MAX_RATE_LIMITED_IN_A_ROW = 20;
/** Attempts per job (server errors, network failures and timeouts), with backoff between. */
const DEFAULT_ATTEMPTS = 10;
/** A 429 without Retry-After pauses every worker this long. */
const DEFAULT_PAUSE_MS = 1_000;
const BACKOFF_TYPE = "smart-invite";
/** BullMQ's default lock: a killed worker's lease on an invite expires after it too. */
const DEFAULT_LOCK_MS = 30_000;
/** A change waiting for an earlier one of its invite looks again after this long at most; the
 * worker that finishes the earlier one wakes it sooner. */
const WAIT_MS = 1_000;
const JOB_NAME = "change";
/** Changes numbered per round trip in addMany (one script call each, pipelined). */
const BULK = 500;

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
  const order = new InviteOrder({ prefix, name });
  const jobOptions = { attempts: jobAttempts, backoff: { type: BACKOFF_TYPE } };
  let client;
  const redis = async () => (client ??= InviteOrder.define(await queue.getBackend().client));

  /** Validates one payload: the change to number, or the error map. */
  function prepare(payload) {
    const checked = validateInvite(payload, dataCenter ? { dataCenter } : undefined);
    if (!checked.ok) return { ok: false, errors: checked.errors };
    return { ok: true, invite: checked.invite, identity: inviteIdentity(checked.invite) };
  }

  /** The BullMQ job of a numbered change. Added again when it merged into an identical change
   * still waiting: BullMQ keeps the job it has, and a producer that stopped between numbering
   * and adding that change cannot leave it unsent. */
  function job({ invite, identity }, [seq]) {
    const jobId = `${identity}|${seq}`;
    return { jobId, job: { name: JOB_NAME, data: { invite, identity, seq }, opts: { ...jobOptions, jobId } } };
  }

  return {
    name,
    async add(payload) {
      const prepared = prepare(payload);
      if (!prepared.ok) return prepared;
      const numbered = await (await redis()).runCommand(
        "smartInviteAdd",
        order.addArgs(prepared.identity, prepared.invite),
      );
      const { jobId, job: added } = job(prepared, numbered);
      await queue.add(added.name, added.data, added.opts);
      return { ok: true, jobId };
    },

    async addMany(payloads) {
      const prepared = Array.from(payloads, prepare);
      const valid = prepared.filter((p) => p.ok);
      const client = await redis();
      // In pipelines of a bounded size: one huge pipeline holds Redis for its whole length.
      for (let i = 0; i < valid.length; i += BULK) {
        const chunk = valid.slice(i, i + BULK);
        const pipeline = client.pipeline();
        for (const p of chunk) pipeline.runCommand("smartInviteAdd", order.addArgs(p.identity, p.invite));
        const answers = await pipeline.exec();
        const jobs = chunk.map((p, k) => {
          const [error, numbered] = answers[k];
          if (error) throw error;
          return Object.assign(p, job(p, numbered));
        });
        await queue.addBulk(jobs.map((p) => p.job));
      }
      return prepared.map((p) => (p.ok ? { ok: true, jobId: p.jobId } : p));
    },

    async counts() {
      const [counts, superseded] = await Promise.all([
        queue.getJobCounts("waiting", "active", "completed", "failed", "delayed"),
        redis().then((c) => c.runCommand("smartInviteCount", [order.supersededKey])),
      ]);
      return {
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        completed: Math.max(0, (counts.completed ?? 0) - superseded),
        superseded,
        failed: counts.failed ?? 0,
        delayed: counts.delayed ?? 0,
      };
    },

    async result(jobId) {
      const job = await queue.getJob(jobId);
      if (!job) return { state: "unknown" };
      const state = await job.getState();
      if (state === "completed") {
        return job.returnvalue?.superseded === true ? { state: "superseded" } : { state, invite: job.returnvalue };
      }
      if (state === "failed") return { state, error: failure(job), attempts: job.attemptsMade };
      return { state };
    },

    close: () => queue.close(),
    queue,
  };
}

/** The answer recorded for a removal found already done (no .ics: the first answer had it). */
function removedAlready(invite) {
  const removed = { email: invite.recipient.email };
  return { smart_invite_id: invite.smart_invite_id, method: "remove", attachments: { removed } };
}

/** Whether a failure of this kind ends the job: not worth trying again, or its last attempt
 * (a failure of no known kind is tried again like a server error). */
function lastAttempt(job, kind) {
  return (kind !== undefined && !RETRYABLE.has(kind)) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
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
  const order = new InviteOrder({ prefix, name });
  const leaseMs = lockDurationMs ?? DEFAULT_LOCK_MS;

  let limiter;
  let redis;
  const worker = new Worker(name, sendChange, {
    connection,
    concurrency,
    autorun: false,
    ...(prefix ? { prefix } : {}),
    ...(lockDurationMs ? { lockDuration: lockDurationMs } : {}),
    ...(stalledIntervalMs ? { stalledInterval: stalledIntervalMs } : {}),
    settings: { backoffStrategy: backoff },
  });

  /** Moves a change that waits for an earlier one of its invite to the front (if it waits). */
  function wake(jobId) {
    if (!jobId) return;
    Job.fromId(worker, jobId)
      .then((waiting) => waiting?.promote())
      .catch(() => {}); // not delayed (waiting, active, or gone): nothing to wake
  }

  /** One change: its turn in its invite's order (and its send slot), then the send. */
  async function sendChange(job, token) {
    const { invite, identity, seq } = job.data ?? {};
    // Which methods there are is the core's: __sendNormalized refuses any other.
    if (typeof identity !== "string" || !Number.isSafeInteger(seq) || typeof invite?.method !== "string") {
      throw new UnrecoverableError(
        "invalid_job: not a change queued by smart-invite/queue's add (no invite, identity or number).",
      );
    }
    const change = { identity, seq, token: `${job.id}@${token}`, leaseMs };
    // The lease, once the claim gives it, is renewed until the answer (the wait for the send
    // slot included), so no other change of the invite goes out meanwhile. Renewing a lease
    // this job does not hold changes nothing.
    const renewal = setInterval(() => order.renew(redis, change).catch(() => {}), leaseMs / 3);
    try {
      const claim = (reservation) => order.claim(redis, change, reservation);
      const [turn, detail, , again] = limiter ? await limiter.acquire(claim) : await claim();
      if (turn === "superseded") {
        wake(detail);
        return { superseded: true };
      }
      if (turn !== "send") {
        const ms = turn === "busy" ? Math.min(Math.max(Number(detail) + 10, 50), WAIT_MS) : WAIT_MS;
        await job.moveToDelayed(Date.now() + ms, token);
        throw new DelayedError();
      }
      return await sendHolding(job, change, again === 1);
    } finally {
      clearInterval(renewal);
    }
  }

  /** Sends a change whose lease this job holds; then records the outcome and frees the lease.
   * `again`: an earlier attempt got no answer, so it may have been applied. */
  async function sendHolding(job, change, again) {
    const { invite } = job.data;
    let outcome = "retry";
    let keepLease = false;
    try {
      const answer = await send(job, invite, again);
      outcome = invite.method === "request" ? "held" : "sent";
      return answer;
    } catch (error) {
      // `send` throws errors with the SmartInviteError's kind; anything else is unexpected,
      // which BullMQ tries again like a server error, and which may have left a request out.
      const kind = error?.kind;
      outcome = error instanceof UnrecoverableError || lastAttempt(job, kind) ? "final" : "retry";
      // No answer came back: Cronofy may still apply it, so nothing later goes before the lease ends.
      keepLease = kind === undefined || UNANSWERED.has(kind);
      throw error;
    } finally {
      try {
        wake(await order.finish(redis, change, outcome, keepLease));
      } catch (error) {
        // The lease expires by itself; the order stays as it was and the job's retry sees it.
        worker.emit("error", error);
      }
    }
  }

  /** The send, with the slot already taken: a 429 pauses every worker and takes a new slot.
   * The invite was validated by add() and is sent as it was normalized (its method says which
   * change it is), without the rules; a job whose invite is not one rejects with kind
   * "validation" and fails for good. */
  async function send(job, invite, again) {
    for (let limited = 0; ; ) {
      try {
        return await api.__sendNormalized(invite);
      } catch (error) {
        if (!(error instanceof SmartInviteError)) throw error;
        // A removal sent again after an attempt whose answer was lost (its worker stopped):
        // Cronofy no longer has the person, which is what the removal is for.
        if (again && invite.method === "remove" && error.kind === "not_found") return removedAlready(invite);
        if (error.kind === "rate_limited" && limited < MAX_RATE_LIMITED_IN_A_ROW) {
          limited += 1;
          await limiter?.pause(error.retryAfterMs ?? DEFAULT_PAUSE_MS);
          await limiter?.acquire();
          continue;
        }
        if (lastAttempt(job, error.kind)) await job.updateProgress({ error: describeError(error) });
        if (!RETRYABLE.has(error.kind)) {
          throw Object.assign(new UnrecoverableError(`${error.kind}: ${error.message}`), { kind: error.kind });
        }
        const retry = new Error(`${error.kind}: ${error.message}`);
        retry.kind = error.kind;
        retry.retryAfterMs = error.retryAfterMs;
        throw retry;
      }
    }
  }

  const ready = (async () => {
    redis = InviteOrder.define(await worker.getBackend().client);
    if (rate) {
      limiter = new SharedRateLimit(redis, { keyBase: order.base, rate });
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
