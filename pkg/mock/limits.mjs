// Cronofy's rate limits, enforced by the mock when asked (off by default).
//
// Cronofy allows each application 50 requests per second and 500 per minute and answers 429
// beyond that. How the API counts is not published, so the mock takes the strict reading a
// client must survive: sliding windows over the times of the requests it accepted (a refused
// request does not count), and a 429 with `Retry-After` in whole seconds, the time until the
// oldest request in the full window leaves it (at least 1). A request's time is when its
// sender stamped it (X-Mock-Sent-At, see server.mjs) or else when the mock read it; a request
// read after one sent later is judged at its own place in time.
//
//   startMockServer({ rateLimit: true })                               // 50/s and 500/min
//   startMockServer({ rateLimit: { perSecond: 40, perMinute: 2000 } }) // scaled for a test

/** Cronofy's default limits per application (its support can raise them). */
export const CRONOFY_RATE_LIMIT = Object.freeze({ perSecond: 50, perMinute: 500 });

const WINDOWS = [
  ["perSecond", 1_000],
  ["perMinute", 60_000],
];

/** Lower bound: the first index of sorted `times` whose value is at least `value` (or more
 * than it, with `after`), searched from `from`. */
function firstIndex(times, value, after = false, from = 0) {
  let lo = from;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < value || (after && times[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The accepted requests' times for a limit of `max` requests per `ms`, sorted: a request
 * may be read after one sent later (another connection, a busy machine), so it is placed by
 * its own time, and every window that would hold it is checked. */
class Window {
  constructor(max, ms) {
    this.max = max;
    this.ms = ms;
    /** @type {number[]} */
    this.times = [];
  }

  /** Milliseconds to wait before a request at `time` fits, 0 if it fits now. */
  wait(time) {
    const { times, ms } = this;
    // Windows [start, start + ms) that hold `time` start at `time` or at an earlier request
    // less than `ms` before it; each holds the requests from its start to `ms` later.
    const first = firstIndex(times, time - ms, true);
    const at = firstIndex(times, time, false, first);
    const last = firstIndex(times, time + ms, false, at);
    // Fewer than `max` requests within `ms` either side: every window fits (the common case,
    // answered without a walk).
    if (last - first < this.max) return 0;
    let busiest = last - at;
    for (let i = first, end = at; i < at; i += 1) {
      end = firstIndex(times, times[i] + ms, false, end);
      busiest = Math.max(busiest, end - i);
    }
    return busiest + 1 > this.max ? Math.max(1, times[first] + ms - time) : 0;
  }

  add(time) {
    const { times } = this;
    times.splice(firstIndex(times, time, true), 0, time);
    // Keep two windows behind the latest: enough for a request read late.
    const keepFrom = firstIndex(times, times[times.length - 1] - 2 * this.ms);
    if (keepFrom > 1_024) this.times = times.slice(keepFrom);
  }
}

export class RateLimits {
  /**
   * @param {true | { perSecond?: number, perMinute?: number }} limit `true` for Cronofy's defaults;
   *   a limit left out is not enforced.
   */
  constructor(limit) {
    const rate = limit === true ? CRONOFY_RATE_LIMIT : limit;
    if (typeof rate !== "object" || rate === null) {
      throw new Error("rateLimit must be true (Cronofy's 50/s and 500/min) or { perSecond?, perMinute? }.");
    }
    /** @type {Window[]} */
    this.windows = [];
    for (const [field, ms] of WINDOWS) {
      const max = rate[field];
      if (max === undefined) continue;
      if (!Number.isSafeInteger(max) || max < 1) throw new Error(`rateLimit.${field} must be a whole number above 0.`);
      this.windows.push(new Window(max, ms));
    }
    this.rate = Object.freeze({ ...rate });
  }

  /**
   * Admits a request sent (or read) at `time` (ms, monotonic) and counts it, or refuses it:
   * `{ retryAfter }` in whole seconds.
   * @returns {undefined | { retryAfter: number }}
   */
  admit(time) {
    const wait = Math.max(0, ...this.windows.map((window) => window.wait(time)));
    if (wait > 0) return { retryAfter: Math.max(1, Math.ceil(wait / 1_000)) };
    for (const window of this.windows) window.add(time);
    return undefined;
  }

  /** Forgets every request counted. */
  reset() {
    for (const window of this.windows) window.times = [];
  }
}
