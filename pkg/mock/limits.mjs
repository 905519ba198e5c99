// Cronofy's rate limits, enforced by the mock when asked (off by default).
//
// Cronofy allows each application 50 requests per second and 500 per minute and answers 429
// beyond that. How the API counts is not published, so the mock takes the strict reading a
// client must survive: sliding windows over the arrival times of the requests it accepted (a
// refused request does not count), and a 429 with `Retry-After` in whole seconds, the time
// until the oldest request in the full window leaves it (at least 1).
//
//   startMockServer({ rateLimit: true })                               // 50/s and 500/min
//   startMockServer({ rateLimit: { perSecond: 40, perMinute: 2000 } }) // scaled for a test

/** Cronofy's default limits per application (its support can raise them). */
export const CRONOFY_RATE_LIMIT = Object.freeze({ perSecond: 50, perMinute: 500 });

const WINDOWS = [
  ["perSecond", 1_000],
  ["perMinute", 60_000],
];

/** Arrival times within one window, oldest first, for a limit of `max` requests per `ms`. */
class Window {
  constructor(max, ms) {
    this.max = max;
    this.ms = ms;
    /** @type {number[]} */
    this.times = [];
    this.head = 0;
  }

  /** Forgets the arrivals that have left the window ending at `now`. */
  slide(now) {
    while (this.head < this.times.length && this.times[this.head] <= now - this.ms) this.head += 1;
    // Compact now and then, so the array stays about one window long.
    if (this.head > 1_024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  get count() {
    return this.times.length - this.head;
  }

  /** Milliseconds until one more request fits. */
  wait(now) {
    return this.times[this.head] + this.ms - now;
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
   * Admits a request arriving at `now` (ms, monotonic) and counts it, or refuses it:
   * `{ retryAfter }` in whole seconds.
   * @returns {undefined | { retryAfter: number }}
   */
  admit(now) {
    let wait = 0;
    for (const window of this.windows) {
      window.slide(now);
      if (window.count >= window.max) wait = Math.max(wait, window.wait(now));
    }
    if (wait > 0) return { retryAfter: Math.max(1, Math.ceil(wait / 1_000)) };
    for (const window of this.windows) window.times.push(now);
    return undefined;
  }

  /** Forgets every request counted. */
  reset() {
    for (const window of this.windows) {
      window.times = [];
      window.head = 0;
    }
  }
}
