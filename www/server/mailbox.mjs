// The demo's mailbox: a local SMTP sink on 127.0.0.1 (smtp-server) that keeps what it
// receives, and the nodemailer transport that delivers the invite email to it. Nothing here
// talks to a real mail server: the transport is pinned to the sink's port.

import { once } from "node:events";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/**
 * Starts the sink and returns `{ port, send(message), close() }`. `send` delivers nodemailer
 * options and resolves to the message as the sink received and parsed it (see `delivered`).
 */
export async function startMailbox({ host = "127.0.0.1", port = 0 } = {}) {
  /** Parsed messages by Message-ID, filled before the sink answers 250 to the DATA command. */
  const received = new Map();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    banner: "smart-invite demo mailbox (nothing leaves this machine)",
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (chunk) => chunks.push(chunk));
      stream.on("end", async () => {
        try {
          const raw = Buffer.concat(chunks).toString("utf8");
          const envelope = {
            from: session.envelope.mailFrom?.address ?? "",
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          const message = await delivered(raw, envelope);
          received.set(message.messageId, message);
          callback();
        } catch (error) {
          callback(error);
        }
      });
    },
  });
  server.listen(port, host);
  await once(server.server, "listening");
  const address = server.server.address();

  const transport = nodemailer.createTransport({
    host,
    port: address.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
  });

  return {
    port: address.port,
    url: `smtp://${host}:${address.port}`,
    /** Sends nodemailer options through the sink; resolves to the delivered message. */
    async send(message) {
      const info = await transport.sendMail(message);
      const found = received.get(info.messageId);
      if (!found) throw new Error(`the mailbox has no message ${info.messageId} after delivery`);
      received.delete(info.messageId);
      return found;
    },
    async close() {
      transport.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What the page shows of a received message: envelope, headers, every part, the .ics. */
export async function delivered(raw, envelope) {
  const mail = await simpleParser(raw);
  const parts = [];
  if (mail.text !== undefined) parts.push({ contentType: "text/plain", body: mail.text });
  if (typeof mail.html === "string") parts.push({ contentType: "text/html", body: mail.html });
  for (const attachment of mail.attachments) {
    const type = attachment.headers.get("content-type");
    const params = type?.params ?? {};
    parts.push({
      partId: attachment.partId,
      contentType: attachment.contentType,
      method: params.method,
      charset: params.charset,
      disposition: attachment.contentDisposition ?? "inline",
      filename: attachment.filename,
      transferEncoding: attachment.headers.get("content-transfer-encoding"),
      size: attachment.size,
      body: attachment.content.toString("utf8"),
    });
  }
  const ics = parts.find((part) => /^(text\/calendar|application\/ics)$/.test(part.contentType))?.body;
  return {
    messageId: mail.messageId,
    envelope,
    subject: mail.subject,
    headers: mail.headerLines.map(({ key, line }) => ({ name: key, line })),
    parts,
    ics,
    size: Buffer.byteLength(raw),
    raw,
  };
}
