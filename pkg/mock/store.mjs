// The mock's memory: invites by smart_invite_id and recipient, as the Smart Invites API keeps
// them, and the answers it gives (the response shape of the API documentation's example).
//
// A single-recipient invite is keyed by its id and recipient; a multi-recipient invite (sent
// with `recipients`) by its id alone, holding every recipient. Each keeps the event, a stable
// UID and a SEQUENCE that grows when the event changes or the invite is cancelled.

import { createHash } from "node:crypto";

/** The key of an invite in `invites`. */
export function inviteKey(smartInviteId, email) {
  return email === undefined ? `${smartInviteId}\u0000*` : `${smartInviteId}\u0000${email.toLowerCase()}`;
}

const STATUSES = new Set(["pending", "accepted", "tentative", "declined"]);

export class InviteStore {
  /**
   * @param {{ buildIcs: (invite: object, meta: object) => string, now: () => Date,
   *           forwardingAddress: string }} deps
   */
  constructor({ buildIcs, now, forwardingAddress }) {
    this.buildIcs = buildIcs;
    this.now = now;
    this.forwardingAddress = forwardingAddress;
    /** @type {Map<string, object>} */
    this.invites = new Map();
  }

  /** The invite for an id and (for a single-recipient invite) a recipient, or undefined. */
  find(smartInviteId, email) {
    if (email !== undefined) {
      const single = this.invites.get(inviteKey(smartInviteId, email));
      if (single) return single;
      const group = this.invites.get(inviteKey(smartInviteId));
      return group?.recipients.has(email.toLowerCase()) ? group : undefined;
    }
    const group = this.invites.get(inviteKey(smartInviteId));
    if (group) return group;
    const singles = [...this.invites.values()].filter((i) => i.smart_invite_id === smartInviteId);
    return singles.length === 1 ? singles[0] : undefined;
  }

  /** Applies a normalized invite (what validateInvite returned) and returns the API's answer
   * as `{ status, body }`. */
  apply(invite) {
    switch (invite.method) {
      case "cancel":
        return this.cancel(invite);
      case "remove":
        return this.remove(invite);
      default:
        return this.upsert(invite);
    }
  }

  upsert(invite) {
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
        created: 1,
        updated: 0,
        cancelled: false,
        recipients: new Map(),
        replies: [],
        content,
      };
      this.invites.set(key, record);
    } else {
      record.updated += 1;
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
      } else if (person.status) {
        known.status = person.status;
      }
    }
    return { status: 200, body: this.answer(record, { ics: true }) };
  }

  cancel(invite) {
    const people = invite.recipients ?? [invite.recipient];
    const record = this.find(invite.smart_invite_id, people[0].email);
    if (!record) return notFound();
    if (!record.cancelled) record.sequence += 1;
    record.cancelled = true;
    return { status: 200, body: { method: "cancel", ...this.answer(record, { ics: true }) } };
  }

  remove(invite) {
    const email = invite.recipient.email.toLowerCase();
    const record = this.find(invite.smart_invite_id, email);
    const person = record?.recipients.get(email);
    if (!record || !person || person.removed) return notFound();
    person.removed = true;
    record.sequence += 1;
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
    const body = this.answer(record, { ics: includeIcs, focus: email });
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
  answer(record, { ics, focus } = {}) {
    const people = this.people(record);
    const body = { smart_invite_id: record.smart_invite_id };
    const one = focus ? people.find((p) => p.email.toLowerCase() === focus.toLowerCase()) : undefined;
    if (record.multi && !one) body.recipients = people.map(shown);
    else body.recipient = shown(one ?? people[0]);
    if (record.callback_url) body.callback_url = record.callback_url;
    body.event = record.event;
    if (ics) body.attachments = { icalendar: this.ics(record) };
    return body;
  }

  people(record) {
    return [...record.recipients.values()].filter((p) => !p.removed);
  }

  ics(record, { method, attendees } = {}) {
    const who = attendees ?? this.people(record);
    const emails = who.map((p) => ({ email: p.email }));
    const invite = {
      method: "request",
      smart_invite_id: record.smart_invite_id,
      ...(record.multi ? { recipients: emails } : { recipient: emails[0] }),
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
      attendees: who.map((p) => ({ email: p.email, status: p.status })),
    };
    if (!record.organizer?.email) meta.organizer = { email: this.forwardingAddress, name: record.organizer?.name };
    return this.buildIcs(invite, meta);
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
