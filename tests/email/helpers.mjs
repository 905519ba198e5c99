// Shared by the email tests: invites as the API returns them, a real SMTP server on
// 127.0.0.1, and two independent readers of a message (mailparser, and Python's `email`
// package through parse_mime.py), both giving the same description so one checker serves both.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";

export { __buildInviteIcs, buildInviteEmail, SmartInviteError } from "../../pkg/gen/node.mjs";

import { __buildInviteIcs, normalizeInvite } from "../../pkg/gen/node.mjs";

export const FROM = "Acme Invites <invites@acme.example>";

const INVITE = {
  smart_invite_id: "board-42",
  recipient: { email: "ann@example.com" },
  organizer: { name: "Acme" },
  event: {
    summary: "Board meeting",
    description: "Discuss plans for the next quarter.\nBring the figures.",
    start: "2026-04-29T09:30:00Z",
    end: "2026-04-29T10:00:00Z",
    tzid: "Europe/London",
    location: { description: "Board room" },
    reminders: [{ minutes: 15 }],
  },
};

/**
 * The response of the API to a create (`request`), an update (`update`: new summary, SEQUENCE 1)
 * or a cancellation (`cancel`: METHOD:CANCEL, SEQUENCE 2), with its iCalendar attachment made
 * by the same Rust builder the mock uses.
 */
export function apiResponse(kind, overrides = {}) {
  const invite = { ...INVITE, ...overrides, event: { ...INVITE.event, ...overrides.event } };
  if (kind === "update") invite.event.summary = "Board meeting (moved to 10:30)";
  const meta = {
    uid: "board-42@smart-invite.example",
    sequence: { request: 0, update: 1, cancel: 2 }[kind],
    method: kind === "cancel" ? "cancel" : "request",
    dtstamp: "2026-04-01T08:00:00Z",
  };
  const icalendar = __buildInviteIcs(JSON.stringify(normalizeInvite(invite)), JSON.stringify(meta));
  const recipient = { email: invite.recipient.email, status: "pending" };
  if (kind === "cancel") return { smart_invite_id: invite.smart_invite_id, recipient, attachments: { icalendar } };
  return { ...invite, recipient, attachments: { icalendar } };
}

/** An SMTP server on 127.0.0.1 that keeps every message it receives, with its envelope. */
export async function startSmtpServer() {
  const received = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (chunk) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          raw: Buffer.concat(chunks).toString("utf8"),
          from: session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address();
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  return {
    received,
    /** Sends nodemailer options (or `{ envelope, raw }`) and resolves with what the server got. */
    async send(options) {
      const before = received.length;
      await transport.sendMail(options);
      return received[before];
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** What mailparser reads from a message, in the shape parse_mime.py gives. */
export async function readWithMailparser(raw) {
  const mail = await simpleParser(raw);
  const box = (field) => (field ? field.value.map((m) => ({ name: m.name, address: m.address })) : []);
  const parts = mail.attachments.map((a) => ({
    type: a.contentType,
    params: a.headers.get("content-type")?.params ?? {},
    cte: a.headers.get("content-transfer-encoding") ?? null,
    disposition: a.headers.get("content-disposition")?.value ?? null,
    filename: a.filename ?? null,
    content: a.content.toString("utf8"),
  }));
  return {
    subject: mail.subject ?? "",
    from: box(mail.from),
    to: box(mail.to),
    messageId: mail.messageId,
    text: mail.text,
    html: mail.html === false ? undefined : mail.html,
    topType: mail.headers.get("content-type")?.value,
    parts,
  };
}

const PARSE_MIME = fileURLToPath(new URL("./parse_mime.py", import.meta.url));

/** What Python's `email` package reads from each message (one process for the whole list). */
export function readWithPython(raws) {
  const run = spawnSync("python3", [PARSE_MIME], { input: JSON.stringify(raws), maxBuffer: 256 << 20 });
  if (run.status !== 0) throw new Error(`parse_mime.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout.toString("utf8")).map((message) => {
    const leaves = [];
    const walk = (node, path) => {
      if (node.parts) {
        for (const [i, child] of node.parts.entries()) walk(child, [...path, `${node.type}[${i}]`]);
      } else
        leaves.push({ ...node, path: path.join(" > "), content: Buffer.from(node.base64, "base64").toString("utf8") });
    };
    walk(message.tree, []);
    return { ...message, leaves };
  });
}

/** CRLF and LF read as the same line end (parsers differ in which they hand back). */
export const lf = (text) => (text ?? "").replace(/\r\n/g, "\n");
