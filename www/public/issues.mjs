// Messages under their inputs: each path of the error map (Cronofy's 422 shape, the same for
// the validator's result and the server's answer) goes to one field; errors and warnings are
// drawn differently and announced through each field's aria-live list.

import { h, srOnly } from "./dom.mjs";

/** Path pattern -> the data-field of the field showing it. The first match wins. */
const FIELD_OF_PATH = [
  [/^smart_invite_id\b/, () => "smart_invite_id"],
  [/^recipient\b/, () => "recipient-0"],
  [/^recipients\[(\d+)\]/, (match) => `recipient-${match[1]}`],
  [/^recipients$/, () => "recipients"],
  [/^event\.summary\b/, () => "summary"],
  [/^event\.description\b/, () => "description"],
  [/^event\.start\b/, () => "start"],
  [/^event\.end\b/, () => "end"],
  [/^event\.tzid\b/, () => "tzid"],
  [/^event\.location\b/, () => "location"],
  [/^event\.reminders\b/, () => "reminders"],
  [/^organizer\.email\b/, () => "organizer_email"],
  [/^organizer\b/, () => "organizer_name"],
  [/^callback_url\b/, () => "callback_url"],
];

/** The path each field stands for: a message at a deeper path says which part it is about. */
const OWN_PATHS = new Set([
  "smart_invite_id",
  "recipient.email",
  "recipients",
  "event.summary",
  "event.description",
  "event.start",
  "event.end",
  "event.tzid",
  "event.location.description",
  "event.reminders",
  "organizer.name",
  "organizer.email",
  "callback_url",
]);

export function fieldOfPath(path) {
  for (const [pattern, field] of FIELD_OF_PATH) {
    const match = pattern.exec(path);
    if (match) return field(match);
  }
  return "form";
}

/** The element that shows a field's messages (made once, tied to the input by aria-describedby). */
function issueList(form, field) {
  if (field === "form") return form.querySelector("#form-issues");
  const container = form.querySelector(`[data-field="${field}"]`);
  if (!container) return form.querySelector("#form-issues");
  let list = container.querySelector(":scope > .issues");
  if (!list) {
    list = h("ul", { class: "issues", id: `${field}-issues`, "aria-live": "polite" });
    container.append(list);
    const input = container.querySelector("input, textarea");
    const hint = container.querySelector(":scope > .hint");
    if (hint) hint.id ||= `${field}-hint`;
    if (input && container.tagName !== "FIELDSET") {
      input.setAttribute("aria-describedby", [hint?.id, list.id].filter(Boolean).join(" "));
    }
  }
  return list;
}

/**
 * Shows `errors` and `warnings` (path -> [{key, description}]) under their fields and clears
 * every other field. Lists whose content did not change are left alone, so screen readers
 * announce only what changed. `actions(issue, path)` may return buttons to add to a message.
 * Returns the fields holding errors, in form order.
 */
export function showIssues(form, { errors = {}, warnings = {} }, actions = () => []) {
  const byField = new Map();
  for (const [severity, map] of [
    ["error", errors],
    ["warning", warnings],
  ]) {
    for (const [path, issues] of Object.entries(map)) {
      const field = fieldOfPath(path);
      if (!byField.has(field)) byField.set(field, []);
      for (const issue of issues) byField.get(field).push({ severity, path, issue });
    }
  }

  const lists = new Set([form.querySelector("#form-issues"), ...form.querySelectorAll(".issues")]);
  for (const field of byField.keys()) lists.add(issueList(form, field));
  for (const list of lists) {
    const field = list.id === "form-issues" ? "form" : list.id.replace(/-issues$/, "");
    const items = byField.get(field) ?? [];
    const signature = JSON.stringify(items);
    if (list.dataset.shown === signature) continue;
    list.dataset.shown = signature;
    list.replaceChildren(...items.map((item) => message(item, actions)));
    const container = list.closest("[data-field]");
    const input = container?.tagName === "FIELDSET" ? null : container?.querySelector("input, textarea");
    const invalid = items.some((item) => item.severity === "error");
    if (input && invalid) input.setAttribute("aria-invalid", "true");
    else input?.removeAttribute("aria-invalid");
    container?.classList.toggle("has-error", invalid);
  }
  return [...form.querySelectorAll("[aria-invalid=true]")];
}

function message({ severity, path, issue }, actions) {
  const own = OWN_PATHS.has(path) || path === "" || path === "recipient" || /^recipients\[\d+\](\.email)?$/.test(path);
  const where = own ? null : h("code", {}, path);
  return h(
    "li",
    { class: `issue ${severity}`, "data-key": issue.key },
    srOnly(severity === "error" ? "Error: " : "Warning: "),
    where,
    where ? " " : null,
    issue.description,
    ...actions(issue, path),
  );
}
