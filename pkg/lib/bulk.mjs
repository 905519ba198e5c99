// client.upsertMany(invites, { concurrency, onProgress, onResult, signal }): many invites from
// one process, as for a webinar or a day of interviews moved. Every entry adds it to
// SmartInviteClient (lib/client.mjs); the pacing under the rate limit is the client's own
// (src/: every call on a client shares one limit), so this only orders the work:
//
//  1. every invite is validated first, once (the client's __checkUpsert: upsert's own check, which
//     throws the very error upsert() would), and nothing is sent until all have been;
//  2. the valid ones are sent as normalized (__sendNormalized: no rule runs again), `concurrency`
//     at a time, in input order, and two changes of
//     one invite (lib/identity.mjs) never at once: a later one waits for the earlier one's
//     answer, so Cronofy ends with the last of them whatever order the answers come in;
//  3. one result per input, in input order: { ok: true, invite } or { ok: false, error },
//     where `error` is the SmartInviteError that upsert() would have thrown. It never throws
//     because an invite failed; an aborted signal stops new sends (those in flight finish)
//     and leaves the rest { ok: false, error } with kind "aborted".

import { SmartInviteError } from "./error.mjs";
import { inviteIdentity } from "./identity.mjs";

const DEFAULT_CONCURRENCY = 8;

function checkOptions({ concurrency = DEFAULT_CONCURRENCY, onProgress, onResult, signal, ...rest }) {
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new SmartInviteError(
      `Unknown upsertMany option ${JSON.stringify(unknown[0])}; the options are concurrency, onProgress, onResult, signal.`,
      { kind: "invalid_options" },
    );
  }
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 1_000) {
    throw new SmartInviteError("upsertMany option concurrency must be a whole number from 1 to 1000.", {
      kind: "invalid_options",
    });
  }
  for (const [name, value] of Object.entries({ onProgress, onResult })) {
    if (value !== undefined && typeof value !== "function") {
      throw new SmartInviteError(`upsertMany option ${name} must be a function.`, { kind: "invalid_options" });
    }
  }
  if (signal !== undefined && !(signal && typeof signal.aborted === "boolean")) {
    throw new SmartInviteError("upsertMany option signal must be an AbortSignal.", { kind: "invalid_options" });
  }
  return { concurrency, onProgress, onResult, signal };
}

function abortedResult() {
  const error = new SmartInviteError("Not sent: upsertMany's signal was aborted before this invite's turn.", {
    kind: "aborted",
  });
  return { ok: false, error };
}

/**
 * client.upsertMany, for SmartInviteClient's prototype (lib/client.mjs).
 * @this {{ __checkUpsert(payload: unknown): object, __sendNormalized(invite: object): Promise<object> }}
 * @param {Iterable<unknown>} invites
 */
export async function upsertMany(invites, options = {}) {
  const { concurrency, onProgress, onResult, signal } = checkOptions(options ?? {});
  if (invites == null || typeof invites[Symbol.iterator] !== "function" || typeof invites === "string") {
    throw new SmartInviteError("upsertMany takes an array (or another iterable) of invites.", {
      kind: "invalid_options",
    });
  }
  const payloads = Array.from(invites);
  const total = payloads.length;
  const results = new Array(total);
  let done = 0;
  let failed = 0;
  const attempt = (invite) =>
    this.__sendNormalized(invite).then(
      (answer) => ({ ok: true, invite: answer }),
      (error) => ({ ok: false, error }),
    );
  const settle = (index, result) => {
    results[index] = result;
    done += 1;
    if (!result.ok) failed += 1;
    onResult?.(result, index);
  };

  // 1. Everything validated before anything is sent; the invalid ones get the very error
  // upsert() gives (it sends nothing for them).
  const toSend = [];
  for (let index = 0; index < total; index += 1) {
    let invite;
    try {
      invite = this.__checkUpsert(payloads[index]);
    } catch (error) {
      settle(index, { ok: false, error });
      continue;
    }
    toSend.push({ index, invite, identity: inviteIdentity(invite) });
  }
  if (total > 0) onProgress?.(done, total, failed);

  // 2. The valid ones, `concurrency` at a time, under the client's rate limit; a change of
  // an invite whose earlier change is in flight waits for its answer.
  let next = 0;
  /** By identity: the outcome of the last change of that invite taken by a lane. */
  const lastTaken = new Map();
  const lane = async () => {
    while (next < toSend.length && !signal?.aborted) {
      const { index, invite, identity } = toSend[next++];
      const earlier = lastTaken.get(identity);
      const outcome = (async () => {
        await earlier;
        return signal?.aborted ? abortedResult() : attempt(invite);
      })();
      lastTaken.set(identity, outcome);
      const result = await outcome;
      if (lastTaken.get(identity) === outcome) lastTaken.delete(identity);
      settle(index, result);
      onProgress?.(done, total, failed);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, toSend.length) }, lane));

  // 3. Whatever an abort left unsent.
  for (let rest = next; rest < toSend.length; rest += 1) settle(toSend[rest].index, abortedResult());
  if (next < toSend.length) onProgress?.(done, total, failed);
  return results;
}
