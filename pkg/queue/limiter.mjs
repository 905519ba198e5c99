// One rate limit shared by every worker on every machine, kept in Redis.
//
// BullMQ's own limiter (`limiter: { max, duration }`) counts fixed windows: a window's whole
// allowance can pass at its end and the next one's at the start of the next, so "N per second"
// can put 2N requests in one sliding second at the API. This one keeps Cronofy's rule for
// every sliding window instead, with the same algorithm as the client's in-process pacing
// (src/: a log of send times, an even spacing, a shared pause), in one Lua script so that
// reserving a send time is atomic across processes:
//
//  - Each send reserves a time slot: the first moment that is at least `spacing` after the
//    previous slot, at least `window + margin` after the slot `count` places back for each
//    limit (50 per 1 s, 500 per 60 s; the minute's margin is 5 times the second's), and not
//    before a pause ends. The worker sleeps until
//    its slot, then sends. Slots are spaced evenly at (1 s + margin) / perSecond, so a second
//    never holds a burst.
//  - The margin absorbs the jitter between the slot and the request's arrival at the API
//    (timers fire late, connections differ): without it two requests a window apart in the
//    log could arrive less than a window apart. A worker that wakes up more than half the
//    margin after its slot gives the slot back (it leaves the log) and reserves another, so
//    its own lateness never eats more than half the margin. Measured in `make bench-scale`.
//  - Times are Redis's own clock (`TIME`), so machines with skewed clocks share one timeline;
//    a worker only ever sleeps for a duration Redis gave it.
//  - A 429 sets a pause (Retry-After) in Redis, which every later reservation respects, and
//    publishes it, so that jobs already holding a slot inside the pause give it back and
//    reserve again instead.

/** Reserves a send slot: `reserve(log, pause, now, argv, i)` returns the slot and the
 * milliseconds to wait for it, as text. `log` is the list of slots (ms, oldest first), `pause`
 * the pause's end (ms), `now` Redis's clock (ms); from argv[i]: spacing (ms), longest window
 * + its margin (ms), a slot given up to take out of the log first ("" for none), then triples:
 * count, window (ms), margin (ms). A Lua function, so that the invite order's claim
 * (order.mjs) reserves in the same script. */
export const reserveLua = `
local function reserve(log, pauseKey, now, argv, i)
  if argv[i + 2] ~= '' then redis.call('LREM', log, -1, argv[i + 2]) end
  local slot = now
  local pause = tonumber(redis.call('GET', pauseKey) or 0)
  if pause > slot then slot = pause end
  local last = redis.call('LINDEX', log, -1)
  if last then slot = math.max(slot, tonumber(last) + tonumber(argv[i])) end
  local keep = 1
  for j = i + 3, #argv, 3 do
    local count = tonumber(argv[j])
    local back = redis.call('LINDEX', log, -count)
    if back then slot = math.max(slot, tonumber(back) + tonumber(argv[j + 1]) + tonumber(argv[j + 2])) end
    if count > keep then keep = count end
  end
  local given = string.format('%.3f', slot)
  redis.call('RPUSH', log, given)
  redis.call('LTRIM', log, -keep, -1)
  redis.call('PEXPIRE', log, math.ceil(slot - now + tonumber(argv[i + 1])))
  return given, string.format('%.3f', slot - now)
end
`;

/** Reserves a send slot; returns { slot, milliseconds to wait for it }, as text.
 * KEYS[1] the log of slots, KEYS[2] the pause's end; ARGV as `reserve` takes them from 1. */
const RESERVE = `${reserveLua}
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
local given, wait = reserve(KEYS[1], KEYS[2], now, ARGV, 1)
return { given, wait }
`;

/** Pauses every reservation for ARGV[1] ms from now (a longer pause already set wins) and
 * publishes the pause on channel ARGV[2]. KEYS[1] the pause's end (ms). */
const PAUSE = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or 0)
if now + ms > current then
  redis.call('SET', KEYS[1], string.format('%.3f', now + ms), 'PX', math.ceil(ms) + 1000)
  redis.call('PUBLISH', ARGV[2], tostring(ms))
end
return 1
`;

/** The default margin per window (ms); see the top of this file and docs/scale.md. */
export const DEFAULT_MARGIN_MS = 50;

/** The minute's window gets this many times the margin: at the minute's edge a slot is exactly
 * one minute and a margin after a run's first requests, which leave later than warm ones
 * (first calls, new connections). As in src/client/pacing.rs. */
const MINUTE_MARGIN_FACTOR = 5;

/** Slots one send may give up for being late (see `acquire`). */
const MAX_MISSED_SLOTS = 10;

/** A pause heard from another worker ends this much later here than at Redis (the message's
 * trip); a slot this close to the local estimate of the end is taken as after it. */
const PAUSE_SLACK_MS = 20;

/**
 * The limit as the script takes it: spacing from the per-second limit, and the windows.
 * @param {{ perSecond?: number, perMinute?: number, marginMs?: number }} rate
 */
export function limiterArgs({ perSecond, perMinute, marginMs = DEFAULT_MARGIN_MS }) {
  const windows = [];
  if (perSecond) windows.push([perSecond, 1_000, marginMs]);
  if (perMinute) windows.push([perMinute, 60_000, marginMs * MINUTE_MARGIN_FACTOR]);
  const spacing = perSecond ? (1_000 + marginMs) / perSecond : 0;
  const longest = Math.max(...windows.map(([, ms, margin]) => ms + margin));
  return { head: [spacing, longest], windows: windows.flat() };
}

export class SharedRateLimit {
  /**
   * @param {object} redis a BullMQ Redis client (`await worker.client`)
   * @param {{ keyBase: string, rate: { perSecond?: number, perMinute?: number, marginMs?: number } }} options
   */
  constructor(redis, { keyBase, rate }) {
    this.redis = redis;
    this.keys = [`${keyBase}:rate:log`, `${keyBase}:rate:pause`];
    this.channel = `${keyBase}:rate:paused`;
    this.args = limiterArgs(rate);
    /** A send later than this after its slot gives the slot up: half the margin. */
    this.lateMs = (rate.marginMs ?? DEFAULT_MARGIN_MS) / 2;
    /** The end of the latest pause known here, on this machine's clock. */
    this.pausedUntil = 0;
    /** Slots taken, and given up (for a pause, for lateness), by this worker. */
    this.counts = { slots: 0, pausedSlots: 0, lateSlots: 0 };
    redis.defineCommand("smartInviteReserve", { numberOfKeys: 2, lua: RESERVE });
    redis.defineCommand("smartInvitePause", { numberOfKeys: 1, lua: PAUSE });
  }

  /** Listens for pauses set by other workers (on a connection of its own). */
  async listen() {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on("message", (channel, message) => {
      if (channel === this.channel) this.pausedLocally(Number(message));
    });
    await this.subscriber.subscribe(this.channel);
  }

  pausedLocally(ms) {
    if (Number.isFinite(ms)) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** The reservation's keys and arguments, for a script that reserves a slot itself. */
  reservation(givenUp = "") {
    return { keys: this.keys, args: [...this.args.head, givenUp, ...this.args.windows] };
  }

  /**
   * Resolves when this worker may send one request. `first`, when given, makes the first
   * reservation instead (the invite order's claim, which reserves in the same script): it
   * resolves to `[ "send", slot, wait, ...more ]`, or to another answer, which `acquire`
   * returns at once without a slot. Resolves to `[ "send", slot, wait, ...more ]` (`more` from
   * `first`) once the slot has come.
   */
  async acquire(first) {
    let givenUp = "";
    let more = [];
    for (let missed = 0; ; ) {
      const asked = performance.now();
      let slot;
      let waitText;
      if (first) {
        const answer = await first(this.reservation());
        if (answer[0] !== "send") return answer;
        [, slot, waitText, ...more] = answer;
        first = undefined;
      } else {
        const { keys, args } = this.reservation(givenUp);
        [slot, waitText] = await this.redis.runCommand("smartInviteReserve", [...keys, ...args]);
      }
      const wait = Number(waitText);
      this.counts.slots += 1;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // A pause that began while we slept covers our slot: give it back (the next reservation
      // takes it out of the log) and reserve again; the script now gives one after the pause.
      if (Date.now() < this.pausedUntil - PAUSE_SLACK_MS) {
        this.counts.pausedSlots += 1;
        givenUp = slot;
        continue;
      }
      // Sending long after the slot (a busy machine: a late timer or a slow reply) would
      // crowd the requests a window later at the API: give such a slot back, a few times at
      // most so that a saturated worker still makes progress. Measured from when we asked,
      // so a late reply counts too.
      const late = performance.now() - asked - wait;
      if (late > this.lateMs && missed < MAX_MISSED_SLOTS) {
        missed += 1;
        this.counts.lateSlots += 1;
        givenUp = slot;
        continue;
      }
      return ["send", slot, waitText, ...more];
    }
  }

  /** After a 429: no worker sends for `ms`. */
  async pause(ms) {
    this.pausedLocally(ms);
    await this.redis.runCommand("smartInvitePause", [this.keys[1], ms, this.channel]);
  }

  async close() {
    this.subscriber?.disconnect();
  }
}
