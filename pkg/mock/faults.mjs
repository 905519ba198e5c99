// Fault injection for the mock API: what a fault spec means, and where the next one comes from.
//
// A spec is a comma-separated list of `name` or `name=value` items, as in the request header
// `X-Mock-Fault: status=429, retry-after=2` or an entry of the `faults` queue:
//
//   delay=MS          wait MS milliseconds, then answer as usual (combine with the others)
//   status=CODE       answer CODE at once without touching any invite (429, 500, 503, 402, ...)
//   retry-after=VALUE with status: the Retry-After header (seconds or an HTTP date)
//   reset             destroy the connection before reading the request
//   reset-after       process the request (the invite is saved), then destroy the connection
//   malformed         process the request, then answer 200 with a truncated JSON body
//   hang              never answer (the client's timeout must fire)

/** The names a spec may use. */
export const FAULT_NAMES = new Set(["delay", "status", "retry-after", "reset", "reset-after", "malformed", "hang"]);

/** The mix a random fault is drawn from when `faultRate` is set: the transient failures a
 * client should survive, and two it cannot (a truncated body, a reset after the work). */
export const RANDOM_FAULTS = [
  "status=503",
  "status=500",
  "status=429, retry-after=0",
  "reset",
  "reset-after",
  "malformed",
];

/**
 * Reads a spec into `{ delay, status, retryAfter, reset, resetAfter, malformed, hang }`.
 * @param {string} spec
 */
export function parseFault(spec) {
  const fault = { spec: String(spec).trim() };
  for (const item of splitItems(fault.spec)) {
    const [rawName, ...rest] = item.split("=");
    const name = rawName.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (!name) continue;
    if (!FAULT_NAMES.has(name)) {
      throw new Error(`Unknown mock fault "${name}"; use one of ${[...FAULT_NAMES].join(", ")}.`);
    }
    switch (name) {
      case "delay":
      case "status": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || (name === "status" && (n < 100 || n > 599))) {
          throw new Error(`Mock fault ${name} needs a whole number, got "${value}".`);
        }
        fault[name] = n;
        break;
      }
      case "retry-after":
        fault.retryAfter = value;
        break;
      default:
        fault[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = true;
    }
  }
  return fault;
}

/** Splits on commas, except those inside a value (an HTTP date has one): a piece that does
 * not start with a fault name belongs to the item before it. */
function splitItems(spec) {
  const items = [];
  for (const piece of spec.split(",")) {
    const name = piece.split("=")[0].trim().toLowerCase();
    if (items.length > 0 && !FAULT_NAMES.has(name)) items[items.length - 1] += `,${piece}`;
    else items.push(piece);
  }
  return items;
}

/** A small seeded generator (mulberry32), so a run with `faultRate` is repeatable. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Where faults come from, in order: the request header, then the queue (the first entry, in the
 * order queued, that names no invite or names this request's smart_invite_id), then a random
 * draw. The queue is kept per invite, so finding a request's fault takes O(1) however many
 * faults wait for other invites.
 */
export class FaultSource {
  constructor({ faultRate = 0, randomFaults = RANDOM_FAULTS, seed = 1 } = {}) {
    if (!(faultRate >= 0 && faultRate <= 1)) throw new Error("faultRate must be between 0 and 1.");
    this.rate = faultRate;
    this.menu = randomFaults.map(parseFault);
    this.random = seededRandom(seed);
    /** Faults for any request. */
    this.anyInvite = new Queue();
    /** @type {Map<unknown, Queue>} faults for the requests of one smart_invite_id */
    this.byInvite = new Map();
    /** How many entries were queued so far: each entry's place in the overall order. */
    this.queued = 0;
    /** How many queued faults wait. */
    this.size = 0;
  }

  /** Queues faults for the next requests (of one invite, when `smartInviteId` is given). */
  enqueue(specs, { smartInviteId } = {}) {
    const parsed = [specs].flat().map(parseFault);
    let queue = this.anyInvite;
    if (smartInviteId !== undefined) {
      queue = this.byInvite.get(smartInviteId);
      if (!queue) this.byInvite.set(smartInviteId, (queue = new Queue()));
    }
    for (const fault of parsed) queue.push({ fault, place: this.queued++ });
    this.size += parsed.length;
  }

  /** Forgets every queued fault. */
  clear() {
    this.anyInvite = new Queue();
    this.byInvite.clear();
    this.size = 0;
  }

  /** The fault for a request, or null. `header` is the X-Mock-Fault value; `id` is the
   * smart_invite_id (known from the query string of a read; for a POST, from the body). */
  next(header, id) {
    if (header) return parseFault(header);
    const own = id === undefined ? undefined : this.byInvite.get(id);
    const general = this.anyInvite.peek();
    const targeted = own?.peek();
    if (targeted && (!general || targeted.place < general.place)) {
      own.shift();
      if (own.size === 0) this.byInvite.delete(id);
      this.size -= 1;
      return targeted.fault;
    }
    if (general) {
      this.size -= 1;
      return this.anyInvite.shift().fault;
    }
    if (this.rate > 0 && this.random() < this.rate) {
      return this.menu[Math.floor(this.random() * this.menu.length)];
    }
    return null;
  }
}

/** A first-in first-out queue with O(1) `shift` (an array's own shift moves every item). */
class Queue {
  constructor() {
    this.items = [];
    this.head = 0;
  }

  get size() {
    return this.items.length - this.head;
  }

  push(item) {
    this.items.push(item);
  }

  peek() {
    return this.items[this.head];
  }

  shift() {
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
