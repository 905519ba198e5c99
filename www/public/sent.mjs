// After "Send": the recipients with their answers (updated from the signed callbacks the demo
// server verifies and forwards as server-sent events, or by polling when sending to Cronofy),
// the "simulate a reply" buttons of the mock, the .ics download and the delivered email.

import { h } from "./dom.mjs";

const REPLIES = [
  ["accepted", "Accept"],
  ["tentative", "Maybe"],
  ["declined", "Decline"],
];
const POLL_MS = 5_000;

/** Posts JSON to the demo server; resolves to `{ status, body }`. */
export async function post(path, data) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(data),
  });
  return { status: response.status, body: await response.json() };
}

export class SentPanel {
  constructor(config) {
    this.config = config;
    this.section = document.getElementById("sent");
    this.rows = document.querySelector("#recipients-status tbody");
    this.replyStatus = document.getElementById("reply-status");
    this.invite = undefined;
    this.poll = undefined;
    const events = new EventSource("/api/events");
    events.addEventListener("reply", (event) => this.onReply(JSON.parse(event.data), "signed callback verified"));
  }

  /** Shows what the API answered to the send, and the email the sink received. */
  show({ mode, invite, email }) {
    this.invite = invite;
    const people = invite.recipients ?? [invite.recipient];
    const target = mode === "mock" ? "the local mock of the API" : `Cronofy (${this.config.dataCenter})`;
    document.getElementById("sent-summary").textContent =
      `“${invite.event?.summary ?? invite.smart_invite_id}” was sent to ${target} as ${invite.smart_invite_id}.`;
    this.rows.replaceChildren(...people.map((person) => this.row(person, mode === "mock")));
    this.section.classList.toggle("no-simulate", mode !== "mock");
    const query = new URLSearchParams({ smart_invite_id: invite.smart_invite_id });
    if (!invite.recipients) query.set("recipient_email", invite.recipient.email);
    document.getElementById("ics-download").href = `/api/ics?${query}`;
    this.query = query;
    document.getElementById("email-body").replaceChildren(...emailView(email));
    this.replyStatus.textContent = "";
    this.section.hidden = false;
    this.section.focus();
    clearInterval(this.poll);
    if (mode !== "mock") this.poll = setInterval(() => this.refresh(), POLL_MS);
  }

  row(person, simulate) {
    return h(
      "tr",
      { "data-email": person.email.toLowerCase() },
      h("th", { scope: "row" }, person.email),
      h("td", {}, h("span", { class: `status ${person.status}` }, person.status)),
      h(
        "td",
        { class: "simulate-col" },
        simulate
          ? REPLIES.map(([status, label]) =>
              h(
                "button",
                {
                  type: "button",
                  class: "secondary small",
                  "aria-label": `${label} as ${person.email}`,
                  onclick: () => this.simulate(person.email, status),
                },
                label,
              ),
            )
          : "—",
      ),
    );
  }

  /** Asks the mock to make a recipient answer; the page changes only when the callback comes. */
  async simulate(email, status) {
    this.replyStatus.textContent = `Asking the mock: ${email} replies “${status}”…`;
    const { status: code, body } = await post("/api/reply", {
      smart_invite_id: this.invite.smart_invite_id,
      email,
      status,
    });
    if (code !== 200) this.replyStatus.textContent = `The mock refused: ${body.error?.message ?? code}`;
    else if (!body.delivered)
      this.replyStatus.textContent = `${email} replied, but no callback arrived: ${body.reason}.`;
  }

  onReply(reply, how) {
    if (!this.invite || reply.smart_invite_id !== this.invite.smart_invite_id) return;
    const row = this.rows.querySelector(`tr[data-email="${CSS.escape(String(reply.email).toLowerCase())}"]`);
    const badge = row?.querySelector(".status");
    if (!badge || badge.textContent === reply.status) return;
    badge.className = `status ${reply.status}`;
    badge.textContent = reply.status;
    this.replyStatus.textContent = `${reply.email} ${reply.status} (${how}).`;
  }

  /** Cronofy cannot call back a server on 127.0.0.1, so with the real API the page polls. */
  async refresh() {
    const response = await fetch(`/api/status?${this.query}`);
    if (!response.ok) return;
    const invite = await response.json();
    for (const person of invite.recipients ?? [invite.recipient]) {
      this.onReply({ smart_invite_id: invite.smart_invite_id, ...person }, "read from the API");
    }
  }
}

/** The delivered email: envelope, headers, parts, the .ics and the raw source. */
function emailView(email) {
  if (!email) return [h("p", { class: "muted" }, "No email was sent.")];
  if (email.error) return [h("p", { class: "issue error" }, `The email could not be delivered: ${email.error}`)];
  const cell = (...content) => h("td", {}, content[0] === undefined ? "—" : content);
  return [
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Envelope"),
      h("dd", {}, `${email.envelope.from} → ${email.envelope.to.join(", ")}`),
      h("dt", {}, "Subject"),
      h("dd", {}, email.subject),
      h("dt", {}, "Size"),
      h("dd", {}, `${email.size} bytes`),
    ),
    h("h4", {}, "Headers"),
    h("pre", { class: "headers", tabindex: 0 }, email.headers.map((header) => header.line).join("\n")),
    h("h4", {}, "Parts"),
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { class: "parts" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Content type", "Encoding", "Disposition", "Bytes"].map((c) => h("th", { scope: "col" }, c)),
          ),
        ),
        h(
          "tbody",
          {},
          email.parts.map((part) =>
            h(
              "tr",
              {},
              cell(h("code", {}, part.contentType), part.method && ` method=${part.method}`),
              cell(part.transferEncoding),
              cell(part.disposition, part.filename && ` (${part.filename})`),
              cell(part.size ?? part.body.length),
            ),
          ),
        ),
      ),
    ),
    h("h4", {}, "The attached invite.ics"),
    h("pre", { class: "ics", tabindex: 0 }, email.ics ?? "(none)"),
    h("details", {}, h("summary", {}, "Raw message"), h("pre", { tabindex: 0 }, email.raw)),
  ];
}
