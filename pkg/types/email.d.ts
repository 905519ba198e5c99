// Types of the email helper: an invite as the message Cronofy's best practice asks for.

import type { InviteResponse } from "./client.js";

/** An address with an optional display name, as nodemailer takes it. */
export interface Mailbox {
  name?: string;
  address: string;
}

export interface BuildInviteEmailOptions {
  /** The API response of a create, update, cancel or read with `include_ics` (its
   *  `attachments.icalendar` is used), or the iCalendar text itself. */
  invite: InviteResponse | { attachments?: { icalendar?: string } } | string;
  /** The sender: `"invites@acme.example"` or `"Acme <invites@acme.example>"`. */
  from: string;
  /** Default: the invite's recipient(s), else the calendar's attendees. One mailbox per string. */
  to?: string | string[];
  /** Default: the event's summary; `"Cancelled: <summary>"` for a cancellation. */
  subject?: string;
  /** The plain text body. When neither body is given, a short text naming the event is used. */
  text?: string;
  html?: string;
  /** The Date header; default now. */
  date?: Date | string;
}

/** One calendar part, in nodemailer's attachment/alternative form. */
export interface NodemailerPart {
  filename?: string;
  contentType: string;
  content: string;
  contentTransferEncoding: "7bit" | "base64";
  contentDisposition?: "attachment";
}

/** Options that nodemailer's `transporter.sendMail()` takes as they are. */
export interface InviteEmailMessage {
  from: Mailbox;
  to: Mailbox[];
  subject: string;
  text?: string;
  html?: string;
  /** The inline `text/calendar; charset=UTF-8; method=REQUEST|CANCEL` part (7bit). */
  alternatives: NodemailerPart[];
  /** The `application/ics; charset=UTF-8; method=...` attachment `invite.ics` (base64). */
  attachments: NodemailerPart[];
  messageId: string;
  date: string;
}

export interface InviteEmail {
  message: InviteEmailMessage;
  /** The complete RFC 5322 message (CRLF line ends), for any other mailer or raw SMTP. */
  mime: string;
}

/** Builds the invite email. Throws `SmartInviteError` of kind `"invalid_email"` (with an
 *  `errors` map naming the option) for a missing or broken calendar, a bad address, or a
 *  line break in a name or the subject. */
export function buildInviteEmail(options: BuildInviteEmailOptions): InviteEmail;
