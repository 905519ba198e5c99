// A request, an update and a cancellation emailed through a real SMTP server on 127.0.0.1:
// once as nodemailer builds it from `message`, once as the raw `mime` text. Each received
// message is read by mailparser and by Python's `email` package and checked part by part.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  apiResponse,
  buildInviteEmail,
  FROM,
  lf,
  readWithMailparser,
  readWithPython,
  startSmtpServer,
} from "./helpers.mjs";

let smtp;
before(async () => {
  smtp = await startSmtpServer();
});
after(() => smtp.close());

const SCENARIOS = [
  { kind: "request", method: "REQUEST", subject: "Board meeting" },
  { kind: "update", method: "REQUEST", subject: "Board meeting (moved to 10:30)" },
  { kind: "cancel", method: "CANCEL", subject: "Cancelled: Board meeting" },
];

/** The checks both parsers must pass, on both messages. */
function checkCalendarParts(parts, { ics, method }, where) {
  const inline = parts.find((p) => p.type === "text/calendar");
  const attached = parts.find((p) => p.type === "application/ics");
  assert.ok(inline && attached, `${where}: both calendar parts present, got ${parts.map((p) => p.type)}`);
  for (const [part, cte] of [
    [inline, "7bit"],
    [attached, "base64"],
  ]) {
    assert.equal(part.params.method, method, `${where}: ${part.type} method`);
    assert.equal(part.params.charset.toUpperCase(), "UTF-8", `${where}: ${part.type} charset`);
    assert.equal(part.cte, cte, `${where}: ${part.type} transfer encoding`);
    assert.equal(part.filename, "invite.ics", `${where}: ${part.type} file name`);
    assert.equal(part.content, ics, `${where}: ${part.type} holds the API's iCalendar byte for byte`);
  }
  assert.equal(attached.disposition, "attachment", `${where}: application/ics is an attachment`);
  assert.notEqual(inline.disposition, "attachment", `${where}: text/calendar is not an attachment`);
}

for (const { kind, method, subject } of SCENARIOS) {
  test(`${kind}: delivered over SMTP, read the same by mailparser and Python`, async () => {
    const response = apiResponse(kind);
    const ics = response.attachments.icalendar;
    assert.match(ics, new RegExp(`\r\nMETHOD:${method}\r\n`));
    const { message, mime } = buildInviteEmail({ invite: response, from: FROM });

    const viaNodemailer = await smtp.send(message);
    assert.deepEqual(viaNodemailer.to, ["ann@example.com"]);
    assert.equal(viaNodemailer.from, "invites@acme.example");
    const viaRaw = await smtp.send({ envelope: { from: "invites@acme.example", to: ["ann@example.com"] }, raw: mime });
    assert.equal(viaRaw.raw, mime, "raw SMTP delivers the mime text unchanged");

    const messages = { nodemailer: viaNodemailer.raw, mime };
    const python = readWithPython(Object.values(messages));
    for (const [i, [name, raw]] of Object.entries(messages).entries()) {
      const where = `${kind}/${name}`;
      const mp = await readWithMailparser(raw);
      assert.equal(mp.subject, subject, `${where}: mailparser subject`);
      assert.deepEqual(mp.from, [{ name: "Acme Invites", address: "invites@acme.example" }]);
      assert.deepEqual(mp.to, [{ name: "", address: "ann@example.com" }]);
      assert.equal(mp.topType, "multipart/mixed");
      assert.equal(lf(mp.text), lf(message.text), `${where}: mailparser text`);
      checkCalendarParts(mp.parts, { ics, method }, `${where} (mailparser)`);

      const py = python[i];
      assert.deepEqual(py.defects, [], `${where}: Python found no defect`);
      assert.equal(py.subject, subject, `${where}: Python subject`);
      assert.deepEqual(py.from, [{ name: "Acme Invites", address: "invites@acme.example" }]);
      assert.deepEqual(py.to, [{ name: "", address: "ann@example.com" }]);
      assert.deepEqual(
        py.leaves.map((leaf) => `${leaf.path} > ${leaf.type}`),
        [
          "multipart/mixed[0] > multipart/alternative[0] > text/plain",
          "multipart/mixed[0] > multipart/alternative[1] > text/calendar",
          "multipart/mixed[1] > application/ics",
        ],
        `${where}: Python sees the best-practice tree`,
      );
      assert.ok(
        py.leaves.every((leaf) => leaf.defects.length === 0),
        `${where}: no part defect`,
      );
      assert.equal(lf(py.leaves[0].text), lf(message.text), `${where}: Python text`);
      checkCalendarParts(py.leaves, { ics, method }, `${where} (Python)`);
    }
  });
}

test("international names and subject, html body, several recipients", async () => {
  const response = apiResponse("request", { event: { summary: "Réunion du conseil – T3 ✓" } });
  const { message, mime } = buildInviteEmail({
    invite: response,
    from: '"Zoë Ōkubo, Acme" <zoe@acme.example>',
    to: ["Ann Lee <ann@example.com>", "Bō Chén <bo@example.com>"],
    html: "<p>Bonjour, voici l’invitation.</p>",
    text: "Bonjour,\nvoici l’invitation.",
  });
  const expected = {
    subject: "Réunion du conseil – T3 ✓",
    from: [{ name: "Zoë Ōkubo, Acme", address: "zoe@acme.example" }],
    to: [
      { name: "Ann Lee", address: "ann@example.com" },
      { name: "Bō Chén", address: "bo@example.com" },
    ],
  };
  const viaNodemailer = await smtp.send(message);
  assert.deepEqual(viaNodemailer.to, ["ann@example.com", "bo@example.com"]);
  for (const line of mime.split("\r\n")) assert.ok(Buffer.byteLength(line) <= 78, `line too long: ${line}`);
  assert.doesNotMatch(mime.replace(/\r\n/g, ""), /[\r\n]/, "CRLF line ends only");

  const python = readWithPython([viaNodemailer.raw, mime]);
  for (const [i, raw] of [viaNodemailer.raw, mime].entries()) {
    const mp = await readWithMailparser(raw);
    assert.deepEqual({ subject: mp.subject, from: mp.from, to: mp.to }, expected);
    assert.equal(lf(mp.text), "Bonjour,\nvoici l’invitation.");
    assert.equal(mp.html.trim(), "<p>Bonjour, voici l’invitation.</p>");
    const py = python[i];
    assert.deepEqual({ subject: py.subject, from: py.from, to: py.to }, expected);
    const types = py.leaves.map((leaf) => leaf.type);
    assert.deepEqual(types, ["text/plain", "text/html", "text/calendar", "application/ics"]);
    // A non-ASCII calendar cannot be 7bit: both builders send it base64, and it decodes to the same bytes.
    for (const leaf of py.leaves.slice(2)) {
      assert.equal(leaf.cte, "base64");
      assert.equal(leaf.content, response.attachments.icalendar);
    }
  }
});
