// The one error class of the package. Rust throws it through `smart_invite_error` in
// src/wasm/error.rs; each entry registers this class with the wasm module at load.

/** @type {ReadonlySet<string>} */
const FIELDS = new Set(["errors", "status", "requestId", "retryAfterMs"]);

export class SmartInviteError extends Error {
  /**
   * @param {string} message
   * @param {{ kind?: string, errors?: object, status?: number, requestId?: string,
   *           retryAfterMs?: number, cause?: unknown }} [options]
   */
  constructor(message, options = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "SmartInviteError";
    this.kind = options.kind ?? "invalid_options";
    for (const field of FIELDS) {
      if (options[field] !== undefined) this[field] = options[field];
    }
  }
}
