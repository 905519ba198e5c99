// The last change wins, per invite, across every worker: what the queue keeps in Redis so that
// the changes of one invite reach Cronofy one at a time, in the order they were queued.
//
// Per invite (its identity, lib/identity.mjs), under `<prefix>:<queue>:smart-invite:invite:<identity>`:
//  - a hash: `seq` (the last sequence number given), `last` (`seq|hash` of the last change
//    queued, to merge an identical one into it while it waits), `done` (the last change sent),
//    `held` (Cronofy holds the invite: a request of it was answered 2xx), `k:<seq>` (each
//    waiting change's kind, r/c/x for request/cancel/remove, a hash of its recipients, and
//    when it was queued, ms) and `t:<seq>` (a change sent whose answer has not come back: sent
//    again, it may already have been applied);
//  - `:pending`, a sorted set of the changes queued and neither sent nor skipped, by number;
//  - `:lease`, the change in flight: SET NX PX with a token, renewed while it is sent, freed
//    when it is answered, expiring when its worker is killed.
//
// `add` numbers each change in one script (one round trip, before BullMQ's own add). A worker
// that takes change n runs one script, the claim, which is also its slot reservation under the
// shared rate limit (limiter.mjs), so ordering adds no round trip before the send:
//  - n is not pending any more: a later change made it moot (or it was sent already and a
//    later one follows) → `superseded`;
//  - another change is in flight (the lease) → `busy`: n waits (a delayed job);
//  - the lowest pending change m comes before n: if a later change makes m moot, m is skipped
//    and the next one looked at; else n waits for m (a job that never made it into the queue,
//    or one BullMQ finished without us, is dropped after a grace, so nothing waits forever);
//  - n is the lowest: skipped if the change after it makes it moot, else n takes the lease
//    (and its send slot) → `send`.
// After the send, one more script (the only round trip ordering adds) records the outcome, frees
// the lease and names the next pending change, whose job is promoted if it waits.
//
// When a change is moot (the table in docs/scale.md), judged against the next pending change:
//  - a cancel is replaced by a request or a cancel;
//  - a request by a request for the same recipients (a request that leaves someone out does
//    not uninvite them, so one that names more people must go first);
//  - a request by a cancel only in the single-recipient form and once Cronofy holds the
//    invite (a cancel of an invite Cronofy never held fails: the request goes first; and a
//    multi-recipient cancel is sent after the request, whose people it then cancels);
//  - a removal of a recipient is never skipped, and nothing skips a change across one.

import { createHash } from "node:crypto";
import { reserveLua } from "./limiter.mjs";

/** The kinds of change, as the scripts store them. */
const KINDS = { request: "r", cancel: "c", remove: "x" };

/** A change queued (numbered by `add`) but never added to BullMQ (its producer stopped between
 * the two steps) is dropped after this long, so later changes of its invite do not wait forever. */
const ADD_GRACE_MS = 60_000;

/** Numbers a change: returns { seq, added } (added 0: merged into the identical change queued
 * last and still waiting). KEYS: hash, pending. ARGV: kind and recipients' hash (8
 * characters), hash of the normalized change. */
const ADD = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local last = redis.call('HGET', KEYS[1], 'last')
if last then
  local bar = string.find(last, '|', 1, true)
  local seq = string.sub(last, 1, bar - 1)
  if string.sub(last, bar + 1) == ARGV[2] and redis.call('ZSCORE', KEYS[2], seq) then
    return { tonumber(seq), 0 }
  end
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'last', seq .. '|' .. ARGV[2], 'k:' .. seq, ARGV[1] .. now)
redis.call('ZADD', KEYS[2], seq, seq)
return { seq, 1 }
`;

/** The claim (see the top of this file). KEYS: hash, pending, lease, the set of superseded job
 * ids, then the rate limit's two keys when it reserves a slot. ARGV: n, token, lease ms, the
 * job id base (`identity|`), BullMQ's key base (`prefix:queue:`), the add grace (ms), "1" for
 * the single-recipient form, then the reservation's arguments. Returns { 'send', slot, wait,
 * again } (slot and wait with a rate limit; again 1 when an earlier attempt of this change got
 * no answer), { 'busy', lease ms left }, { 'wait', job id waited for }, or { 'superseded',
 * next job id }. */
const claimLua = (reserving) => `
${reserving ? reserveLua : ""}
local H, P, L, SUP = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local n = tonumber(ARGV[1])
local base = ARGV[4]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000

-- A change's kind, its recipients' hash, and when it was queued (ms).
local function change(seq)
  local k = redis.call('HGET', H, 'k:' .. seq)
  if not k then return nil, nil, 0 end
  return string.sub(k, 1, 1), string.sub(k, 2, 9), tonumber(string.sub(k, 10))
end
-- Whether change m is moot given the pending change after it (nil: none).
local function moot(m, after)
  if not after then return false end
  local km, rm = change(m)
  local ka, ra = change(after)
  if km == 'x' or ka == 'x' or not km or not ka then return false end
  if km == 'c' then return true end
  if ka == 'r' then return rm == ra end
  return ARGV[7] == '1' and redis.call('HGET', H, 'held') == '1'
end
local function skip(m)
  redis.call('ZREM', P, m)
  redis.call('HDEL', H, 'k:' .. m, 't:' .. m)
end
local function superseded()
  redis.call('SADD', SUP, base .. n)
  local low = redis.call('ZRANGE', P, 0, 0)[1]
  return { 'superseded', low and (base .. low) or '' }
end

local rerun = 0
if not redis.call('ZSCORE', P, n) then
  rerun = 1
  -- Skipped by a later change, or sent by a run of this job whose worker stopped before BullMQ
  -- recorded it: sent again only when it is still the last change.
  if tonumber(redis.call('HGET', H, 'done') or 0) ~= n or redis.call('ZCARD', P) > 0 then
    return superseded()
  end
end
local holder = redis.call('GET', L)
if holder and holder ~= ARGV[2] then return { 'busy', redis.call('PTTL', L) } end

while true do
  local low = redis.call('ZRANGE', P, 0, 1)
  local m = tonumber(low[1])
  local after = low[2] and tonumber(low[2])
  if m == nil or m == n then
    if m == n and moot(n, after) then
      skip(n)
      return superseded()
    end
    redis.call('SET', L, ARGV[2], 'PX', ARGV[3])
    local again = math.max(rerun, 1 - redis.call('HSETNX', H, 't:' .. n, 1))
    if ${reserving ? "true" : "false"} then
      local slot, wait = reserve(KEYS[5], KEYS[6], now, ARGV, 8)
      return { 'send', slot, wait, again }
    end
    return { 'send', '', '', again }
  end
  if moot(m, after) then
    skip(m)
  else
    local _, _, queuedAt = change(m)
    local job = ARGV[5] .. base .. m
    local finished = redis.call('HEXISTS', job, 'finishedOn') == 1
    local lost = redis.call('EXISTS', job) == 0 and now - queuedAt > tonumber(ARGV[6])
    if not (finished or lost) then return { 'wait', base .. m } end
    skip(m)
  end
end
`;

/** After a send. KEYS: hash, pending, lease. ARGV: n, token, outcome, job id base, keep lease.
 * Outcome `sent` (answered 2xx), `held` (a request answered 2xx: Cronofy holds the invite),
 * `final` (failed for good: it leaves the order too) or `retry` (tried again later: it stays
 * pending). Keep lease "1": no answer came back (a timeout, a lost connection), so Cronofy may
 * still apply the request: the lease stays until it expires, and no later change goes before.
 * Returns the job id of the pending change to wake ('' for none). */
const FINISH = `
local H, P, L = KEYS[1], KEYS[2], KEYS[3]
local n = tonumber(ARGV[1])
local leaves = ARGV[3] ~= 'retry'
if leaves or ARGV[5] ~= '1' then redis.call('HDEL', H, 't:' .. n) end
if leaves then
  redis.call('ZREM', P, n)
  redis.call('HDEL', H, 'k:' .. n)
  if n > tonumber(redis.call('HGET', H, 'done') or 0) then redis.call('HSET', H, 'done', n) end
  if ARGV[3] == 'held' then redis.call('HSET', H, 'held', 1) end
end
if ARGV[5] ~= '1' and redis.call('GET', L) == ARGV[2] then redis.call('DEL', L) end
local next
if leaves then next = redis.call('ZRANGE', P, 0, 0)[1]
else next = redis.call('ZRANGEBYSCORE', P, '(' .. n, '+inf', 'LIMIT', 0, 1)[1] end
return next and (ARGV[4] .. next) or ''
`;

/** Extends the lease while its holder still has it. KEYS: lease. ARGV: token, ms. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const digest = (text, length) => createHash("sha256").update(text).digest("base64url").slice(0, length);

/** The hash of a normalized change, to merge an identical one into it. */
function changeHash(invite) {
  return digest(JSON.stringify(invite), 22);
}

/** The hash of a change's recipients (their emails, lowercased, in any order): 8 characters. */
function recipientsHash(invite) {
  const people = invite.recipients ?? [invite.recipient];
  return digest(
    people
      .map((p) => String(p.email).toLowerCase())
      .sort()
      .join("\n"),
    8,
  );
}

/** Where the order of one queue lives in Redis. */
export class InviteOrder {
  /**
   * @param {{ prefix?: string, name: string }} queue
   */
  constructor({ prefix, name }) {
    this.jobKeyBase = `${prefix ?? "bull"}:${name}:`;
    this.base = `${this.jobKeyBase}smart-invite`;
    this.supersededKey = `${this.base}:superseded`;
  }

  keys(identity) {
    const hash = `${this.base}:invite:${identity}`;
    return { hash, pending: `${hash}:pending`, lease: `${hash}:lease` };
  }

  /** Registers the scripts on a BullMQ Redis client (once per client). */
  static define(redis) {
    if (defined.has(redis)) return redis;
    defined.add(redis);
    redis.defineCommand("smartInviteAdd", { numberOfKeys: 2, lua: ADD });
    redis.defineCommand("smartInviteClaim", { numberOfKeys: 4, lua: claimLua(false) });
    redis.defineCommand("smartInviteClaimReserve", { numberOfKeys: 6, lua: claimLua(true) });
    redis.defineCommand("smartInviteFinish", { numberOfKeys: 3, lua: FINISH });
    redis.defineCommand("smartInviteRenew", { numberOfKeys: 1, lua: RENEW });
    redis.defineCommand("smartInviteCount", { numberOfKeys: 1, lua: "return redis.call('SCARD', KEYS[1])" });
    return redis;
  }

  /** The `smartInviteAdd` arguments of a change. */
  addArgs(identity, invite) {
    const { hash, pending } = this.keys(identity);
    return [hash, pending, KINDS[invite.method] + recipientsHash(invite), changeHash(invite)];
  }

  /**
   * The claim of change `seq`; `reservation` is the rate limit's { keys, args } for its slot,
   * or undefined without a rate limit.
   */
  claim(redis, { identity, seq, token, leaseMs }, reservation) {
    const { hash, pending, lease } = this.keys(identity);
    const keys = [hash, pending, lease, this.supersededKey];
    const single = identity.endsWith("|*") ? "0" : "1";
    const args = [seq, token, leaseMs, `${identity}|`, this.jobKeyBase, ADD_GRACE_MS, single];
    if (!reservation) return redis.runCommand("smartInviteClaim", [...keys, ...args]);
    return redis.runCommand("smartInviteClaimReserve", [...keys, ...reservation.keys, ...args, ...reservation.args]);
  }

  finish(redis, { identity, seq, token }, outcome, keepLease) {
    const { hash, pending, lease } = this.keys(identity);
    const args = [seq, token, outcome, `${identity}|`, keepLease ? "1" : "0"];
    return redis.runCommand("smartInviteFinish", [hash, pending, lease, ...args]);
  }

  renew(redis, { identity, token, leaseMs }) {
    return redis.runCommand("smartInviteRenew", [this.keys(identity).lease, token, leaseMs]);
  }
}

const defined = new WeakSet();
