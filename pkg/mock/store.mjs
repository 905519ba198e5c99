// The mock's memory: invites by smart_invite_id and recipient, as the Smart Invites API keeps
// them, the answers it gives (the response shape of the API documentation's example), and a
// log of every write, so a test can count what each request did.
//
// A single-recipient invite is keyed by its id and recipient; a multi-recipient invite (sent
// with `recipients`) by its id alone, holding every recipient. Each keeps the event, a stable
// UID and a SEQUENCE that grows when the event changes or the invite is cancelled.
//
// Every write is counted per smart_invite_id + recipient, whichever invite holds the recipient:
// a request that stored a new invitation for that person is a create, one that changed an
// invitation already held is an update. So a second create for the same id and recipient (a
// single-recipient upsert beside a multi-recipient invite that already holds the person, or
// anything else that would duplicate an invite) shows as `created: 2`.
//
// Cost: every operation is a few Map lookups plus work proportional to the request and to the
// answer it builds; nothing scans the invites already stored.

import { createHash } from "node:crypto";

/** The key of an invite in `invites`. */
export function inviteKey(smartInviteId, email) {
  return email === undefined ? `${smartInviteId}\u0000*` : `${smartInviteId}\u0000${email.toLowerCase()}`;
}

const STATUSES = new Set(["pending", "accepted", "tentative", "declined"]);

/** What a write did to one recipient's invitation, as counted in `counts`. */
const ACTIONS = ["created", "updated", "cancelled", "removed"];

export class InviteStore {
  /**
   * @param {{ buildIcs: (invite: object, meta: object) => string, now: () => Date,
   *           forwardingAddress: string }} deps
   */
  constructor({ buildIcs, now, forwardingAddress }) {
    this.buildIcs = buildIcs;
    this.now = now;
    this.forwardingAddress = forwardingAddress;
    /** @type {Map<string, object>} invites by `inviteKey(id, email)`, multi-recipient by `inviteKey(id)` */
    this.invites = new Map();
    /** @type {Map<string, Set<object>>} the single-recipient invites of each smart_invite_id */
    this.singles = new Map();
    /** @type {{ request: string, smart_invite_id: string, email: string, action: string }[]} */
    this.writes = [];
    /** @type {Map<string, Map<string, Record<string, number>>>} write counts by smart_invite_id, then by
     * lowercased recipient: a write finds its counts by two lookups of strings it has, where one
     * key made of both took a new string per write (the most of a 34,000-recipient upsert) */
    this.counts = new Map();
  }

  /** Forgets every invite and every write. */
  clear() {
    this.invites.clear();
    this.singles.clear();
    this.writes.length = 0;
    this.counts.clear();
  }

  /** The invite for an id and (for a single-recipient invite) a recipient, or undefined. Without
   * an email: the multi-recipient invite, else the one single-recipient invite of that id. */
  find(smartInviteId, email) {
    if (email !== undefined) {
      const single = this.invites.get(inviteKey(smartInviteId, email));
      if (single) return single;
      const group = this.invites.get(inviteKey(smartInviteId));
      return group?.recipients.has(email.toLowerCase()) ? group : undefined;
    }
    const group = this.invites.get(inviteKey(smartInviteId));
    if (group) return group;
    const singles = this.singles.get(smartInviteId);
    return singles?.size === 1 ? singles.values().next().value : undefined;
  }

  /** How often requests created, updated, cancelled or removed the invitation of one recipient. */
  countsOf(smartInviteId, email) {
    const counts = email === undefined ? undefined : this.counts.get(smartInviteId)?.get(email.toLowerCase());
    return Object.fromEntries(ACTIONS.map((action) => [action, counts?.[action] ?? 0]));
  }

  /** Applies a normalized invite (what validateInvite returned) and returns the API's answer
   * as `{ status, body }`. `request` names the request in the write log. */
  apply(invite, { request } = {}) {
    switch (invite.method) {
      case "cancel":
        return this.cancel(invite, request);
      case "remove":
        return this.remove(invite, request);
      default:
        return this.upsert(invite, request);
    }
  }

  upsert(invite, request) {
    const multi = Array.isArray(invite.recipients);
    const people = multi ? invite.recipients : [invite.recipient];
    const key = multi ? inviteKey(invite.smart_invite_id) : inviteKey(invite.smart_invite_id, invite.recipient.email);
    const content = JSON.stringify([invite.event, invite.organizer ?? null, invite.callback_url ?? null]);
    let record = this.invites.get(key);
    if (!record) {
      record = {
        smart_invite_id: invite.smart_invite_id,
        multi,
        uid: `${createHash("sha256").update(key).digest("hex").slice(0, 24)}@smart-invite-mock`,
        sequence: 0,
        cancelled: false,
        recipients: new Map(),
        replies: [],
        content,
      };
      this.invites.set(key, record);
      if (!multi) this.singlesOf(invite.smart_invite_id).add(record);
    } else {
      if (record.content !== content || record.cancelled) record.sequence += 1;
      record.content = content;
      record.cancelled = false;
    }
    Object.assign(record, { event: invite.event, organizer: invite.organizer, callback_url: invite.callback_url });
    for (const person of people) {
      const email = person.email.toLowerCase();
      const known = record.recipients.get(email);
      if (!known || known.removed) {
        record.recipients.set(email, { email: person.email, status: person.status ?? "pending" });
        this.record(request, record, person.email, "created", email);
      } else {
        if (person.status) known.status = person.status;
        this.record(request, record, known.email, "updated", email);
      }
    }
    return { status: 200, body: this.answer(record, { ics: true }) };
  }

  cancel(invite, request) {
    const people = invite.recipients ?? [invite.recipient];
    const record = this.find(invite.smart_invite_id, people[0].email);
    if (!record) return notFound();
    if (!record.cancelled) record.sequence += 1;
    record.cancelled = true;
    for (const person of this.people(record)) this.record(request, record, person.email, "cancelled");
    return { status: 200, body: { method: "cancel", ...this.answer(record, { ics: true }) } };
  }

  remove(invite, request) {
    const email = invite.recipient.email.toLowerCase();
    const record = this.find(invite.smart_invite_id, email);
    const person = record?.recipients.get(email);
    if (!record || !person || person.removed) return notFound();
    person.removed = true;
    record.sequence += 1;
    this.record(request, record, person.email, "removed");
    const cancelIcs = this.ics(record, { method: "cancel", attendees: [person] });
    return {
      status: 200,
      body: {
        method: "remove",
        smart_invite_id: record.smart_invite_id,
        recipient: { email: person.email },
        attachments: { icalendar: cancelIcs, removed: { email: person.email } },
      },
    };
  }

  /** GET /v1/smart_invites: `{ smart_invite_id, recipient_email?, include_ics? }`. */
  read({ smartInviteId, email, includeIcs }) {
    const record = this.find(smartInviteId, email ?? undefined);
    if (!record) return notFound();
    // A read names one recipient (recipient_email), or asks for everyone: recipients[].
    if (email && record.recipients.get(email.toLowerCase())?.removed) return notFound();
    const body = this.answer(record, { ics: includeIcs, focus: email, everyone: !email });
    if (record.replies.length > 0 && !record.multi) body.replies = record.replies.map((r) => ({ ...r }));
    return { status: 200, body };
  }

  /** A recipient's reply: updates the status and returns the notification to post. */
  reply({ smart_invite_id, email, status, comment, proposal }) {
    if (!STATUSES.has(status)) throw new Error(`status must be one of ${[...STATUSES].join(", ")}.`);
    const record = this.find(smart_invite_id, email);
    const person = record?.recipients.get(String(email).toLowerCase());
    if (!record || !person || person.removed) return undefined;
    Object.assign(person, { status });
    for (const [field, value] of Object.entries({ comment, proposal })) {
      if (value === undefined) delete person[field];
      else person[field] = value;
    }
    const reply = { ...person };
    record.replies.push(reply);
    const notification = {
      notification: { type: "smart_invite" },
      smart_invite: {
        smart_invite_id: record.smart_invite_id,
        ...(record.callback_url ? { callback_url: record.callback_url } : {}),
        recipient: { ...person },
        reply,
      },
    };
    return { record, notification };
  }

  /** The API's answer for an invite (the seed response shape). */
  answer(record, { ics, focus, everyone } = {}) {
    const body = { smart_invite_id: record.smart_invite_id };
    const one = focus ? record.recipients.get(focus.toLowerCase()) : undefined;
    const people = this.people(record);
    if (everyone || (record.multi && (!one || one.removed))) body.recipients = people.map(shown);
    else body.recipient = shown(one && !one.removed ? one : people[0]);
    if (record.callback_url) body.callback_url = record.callback_url;
    body.event = record.event;
    if (ics) body.attachments = { icalendar: this.ics(record, { attendees: people }) };
    return body;
  }

  people(record) {
    return [...record.recipients.values()].filter((p) => !p.removed);
  }

  /** The calendar of an invite for `who` (the people it holds, or the one removed). */
  ics(record, { method, attendees: who }) {
    // Everyone, with their answers, goes in meta.attendees, which the calendar lists in place of
    // the invite's recipients; so the invite names only the first, and the JSON handed to the
    // writer stays small however many recipients there are.
    const first = who.slice(0, 1).map((p) => ({ email: p.email }));
    const invite = {
      method: "request",
      smart_invite_id: record.smart_invite_id,
      ...(record.multi ? { recipients: first } : { recipient: first[0] }),
      ...(record.callback_url ? { callback_url: record.callback_url } : {}),
      ...(record.organizer ? { organizer: record.organizer } : {}),
      event: record.event,
    };
    const meta = {
      uid: record.uid,
      sequence: record.sequence,
      method: method ?? (record.cancelled ? "cancel" : "request"),
      dtstamp: this.now()
        .toISOString()
        .replace(/\.\d+Z$/, "Z"),
      // The people as held: the writer reads their email and status and skips the rest.
      attendees: who,
    };
    if (!record.organizer?.email) meta.organizer = { email: this.forwardingAddress, name: record.organizer?.name };
    return this.buildIcs(invite, meta);
  }

  singlesOf(smartInviteId) {
    let set = this.singles.get(smartInviteId);
    if (!set) this.singles.set(smartInviteId, (set = new Set()));
    return set;
  }

  /** Logs one write and counts it for the recipient (`lowercased`: the email in lower case). */
  record(request, record, email, action, lowercased = email.toLowerCase()) {
    this.writes.push({ request, smart_invite_id: record.smart_invite_id, email, action });
    let byEmail = this.counts.get(record.smart_invite_id);
    if (!byEmail) this.counts.set(record.smart_invite_id, (byEmail = new Map()));
    let counts = byEmail.get(lowercased);
    if (!counts) byEmail.set(lowercased, (counts = { created: 0, updated: 0, cancelled: 0, removed: 0 }));
    counts[action] += 1;
  }
}

function shown(person) {
  const out = { email: person.email, status: person.status };
  if (person.comment !== undefined) out.comment = person.comment;
  if (person.proposal !== undefined) out.proposal = person.proposal;
  return out;
}

function notFound() {
  return { status: 404, body: undefined };
}
