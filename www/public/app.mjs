// The demo page: loads the package's browser entry, validates the form on every keystroke with
// validateInvite, shows the messages under their fields, the normalized JSON and the ICS
// preview, and hands the invite to the demo server on "Send".

import { init, initFull, suggestTimeZones, timeZones, validateInvite } from "/pkg/gen/browser/index.mjs";
import { h } from "./dom.mjs";
import { addRecipient, fillExample, readPayload, removeRecipient, setAllDay } from "./form.mjs";
import { showIssues } from "./issues.mjs";
import { icsText, renderCard } from "./preview.mjs";
import { post, SentPanel } from "./sent.mjs";

/** Read by the tests and the benchmark: when the first result was drawn, and each keystroke's
 * cost (the validateInvite call alone, and with the redraw). */
const timings = (window.demoTimings = { firstValidation: undefined, validations: [] });

const form = document.getElementById("invite");
const $ = (id) => document.getElementById(id);

performance.mark("demo:modules");
const [config] = await Promise.all([fetch("/api/config").then((response) => response.json()), init()]);
performance.mark("demo:wasm-ready");
$("mode").textContent =
  config.mode === "mock"
    ? "to a local mock of the Cronofy API, so no account is needed."
    : `to Cronofy's ${config.dataCenter} data center (the client secret stays on the server).`;

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
fillExample(form, { callbackUrl: config.callbackUrl, timeZone: browserZone });
performance.mark("demo:form-filled");

const sent = new SentPanel(config);
let latest;

/** One validation: read the form, validate, draw the messages, the JSON and the preview. */
function validate() {
  const payload = readPayload(form);
  const started = performance.now();
  // JSON text crosses into wasm in one copy: half the time of handing over the object.
  const result = validateInvite(JSON.stringify(payload), { dataCenter: config.dataCenter });
  const validated = performance.now();
  showIssues(form, result, suggestions);
  drawResult(result);
  const drawn = performance.now();
  timings.validations.push({ validate: validated - started, total: drawn - started });
  if (timings.firstValidation === undefined) {
    timings.firstValidation = drawn;
    performance.mark("first-validation");
  }
  $("timing").textContent = `Checked in ${(validated - started).toFixed(2)} ms by the WebAssembly module.`;
  latest = { payload, result };
  return result;
}

/** Buttons that apply the validator's suggestions for an unknown time zone. */
function suggestions(issue, path) {
  if (issue.key !== "errors.unknown_time_zone" || path !== "event.tzid") return [];
  const zone = form.elements.tzid.value.trim();
  return suggestTimeZones(zone).map((suggestion) =>
    h(
      "button",
      {
        type: "button",
        class: "suggestion secondary small",
        onclick: () => {
          form.elements.tzid.value = suggestion;
          form.elements.tzid.focus();
          validate();
        },
      },
      `Use ${suggestion}`,
    ),
  );
}

function drawResult(result) {
  const errorCount = Object.values(result.errors ?? {}).reduce((sum, list) => sum + list.length, 0);
  const warningCount = Object.values(result.warnings).reduce((sum, list) => sum + list.length, 0);
  const state = $("json-state");
  state.className = `state ${result.ok ? "ok" : "error"}`;
  state.textContent = result.ok
    ? `Ready to send${warningCount ? ` (${plural(warningCount, "warning")})` : ""}: this is the request body.`
    : `${plural(errorCount, "error")} to fix. The error map, in the shape of Cronofy's 422 answer:`;
  $("json").textContent = JSON.stringify(result.ok ? result.invite : result.errors, null, 2);
  if (result.ok) lastValid = result.invite;
  renderCard($("event-card"), lastValid, { stale: !result.ok });
  if ($("ics-details").open && calendarLoaded) $("ics-text").textContent = lastValid ? icsText(lastValid) : "";
}

/** The preview keeps the last valid invite while the form holds errors, marked as such. */
let lastValid;

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

form.addEventListener("input", () => {
  $("send-status").textContent = "";
  validate();
});
form.addEventListener("change", (event) => {
  if (event.target.name === "all_day") setAllDay(form, event.target.checked);
  validate();
});
// The .ics preview needs the calendar writer, which the browser build leaves out: the first
// opening loads the rest of the package (initFull), so the first validation does not wait for it.
let calendarLoaded = false;
$("ics-details").addEventListener("toggle", () => {
  if (!$("ics-details").open || calendarLoaded) return validate();
  $("ics-text").textContent = "(loading the iCalendar writer…)";
  initFull().then(() => {
    calendarLoaded = true;
    validate();
  });
});
$("add-recipient").addEventListener("click", () => {
  addRecipient().focus();
  validate();
});
form.addEventListener("click", (event) => {
  const remove = event.target.closest(".remove");
  if (!remove) return;
  removeRecipient(remove.closest("li"));
  validate();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = $("send-status");
  const result = validate();
  if (!result.ok) {
    status.textContent = "Fix the errors marked above first; nothing was sent.";
    form.querySelector("[aria-invalid=true]")?.focus();
    return;
  }
  const button = $("send");
  button.disabled = true;
  status.textContent = "Sending…";
  try {
    const { status: code, body } = await post("/api/send", latest.payload);
    if (code === 200) {
      status.textContent = `Sent: the API answered for ${body.invite.smart_invite_id}.`;
      sent.show(body);
    } else {
      if (body.error?.errors) showIssues(form, { errors: body.error.errors }, suggestions);
      status.textContent = `Not sent: ${body.error?.message ?? `the demo server answered ${code}`}`;
    }
  } catch (error) {
    status.textContent = `Not sent: the demo server cannot be reached (${error.message}).`;
  } finally {
    button.disabled = false;
  }
});

validate();

// The zone list (about 600 options) is not needed for the first result: fill it right after.
setTimeout(() => {
  const zones = document.createDocumentFragment();
  for (const zone of timeZones()) zones.append(new Option(zone));
  $("zones").append(zones);
});
