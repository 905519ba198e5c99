// Order statistics of a list of timings, shared by the client and demo benchmarks.

/** `{ median, p90, min, max }` of `values` (nearest rank). */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: pick(0.5), p90: pick(0.9), min: sorted[0], max: sorted.at(-1) };
}
