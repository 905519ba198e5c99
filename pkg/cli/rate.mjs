// Rate limits written as text, as operators type them: "50/s,500/min".
//
// Shared by the `smart-invite` command line (--rate) and the mock's (--rate-limit), so both
// read the same forms and say the same thing about a typo.

const UNITS = new Map([
  ["s", "perSecond"],
  ["sec", "perSecond"],
  ["second", "perSecond"],
  ["m", "perMinute"],
  ["min", "perMinute"],
  ["minute", "perMinute"],
]);

/**
 * Reads "50/s,500/min" into `{ perSecond: 50, perMinute: 500 }`. A limit left out is absent
 * from the result (not applied); "off" gives `false`.
 * @param {string} text
 * @returns {{ perSecond?: number, perMinute?: number } | false}
 */
export function parseRate(text) {
  const source = String(text).trim();
  if (source.toLowerCase() === "off") return false;
  /** @type {{ perSecond?: number, perMinute?: number }} */
  const rate = {};
  for (const part of source.split(",")) {
    const match = /^\s*(\d+)\s*\/\s*([a-z]+)\s*$/i.exec(part);
    const field = match && UNITS.get(match[2].toLowerCase());
    const count = match ? Number(match[1]) : 0;
    if (!field || !Number.isSafeInteger(count) || count < 1) {
      throw new Error(
        `The rate "${source}" is not understood: write requests per second and/or per minute, ` +
          `such as "50/s,500/min" (Cronofy's default limits), "40/s" or "off".`,
      );
    }
    if (field in rate)
      throw new Error(
        `The rate "${source}" gives the ${field === "perSecond" ? "per-second" : "per-minute"} limit twice.`,
      );
    rate[field] = count;
  }
  return rate;
}

/** "50/s,500/min" for `{ perSecond: 50, perMinute: 500 }`. */
export function formatRate(rate) {
  if (!rate) return "off";
  const parts = [];
  if (rate.perSecond) parts.push(`${rate.perSecond}/s`);
  if (rate.perMinute) parts.push(`${rate.perMinute}/min`);
  return parts.join(",") || "off";
}
