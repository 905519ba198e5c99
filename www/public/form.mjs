// The invite form: its starting values, the recipients list, the all-day switch, and the
// payload read from it (the JSON a user of the package would pass to validateInvite).

const recipientsList = () => document.getElementById("recipients");

/** The recipient email inputs, in order. */
export function recipientInputs() {
  return [...recipientsList().querySelectorAll("input")];
}

/** Adds a recipient row (labelled "Recipient email 2", ...) and returns its input. */
export function addRecipient(email = "") {
  const row = document.getElementById("recipient-row").content.firstElementChild.cloneNode(true);
  recipientsList().append(row);
  row.querySelector("input").value = email;
  renumberRecipients();
  return row.querySelector("input");
}

/** Removes a row (never the last one) and moves the focus to a neighbour. */
export function removeRecipient(row) {
  if (recipientInputs().length === 1) return;
  const next = row.nextElementSibling ?? row.previousElementSibling;
  row.remove();
  renumberRecipients();
  next?.querySelector("input").focus();
}

/** Ids, labels and field names follow the position: `recipient-0` holds `recipients[0]`. */
function renumberRecipients() {
  const rows = [...recipientsList().children];
  rows.forEach((row, index) => {
    const id = `recipient-${index}`;
    const input = row.querySelector("input");
    const label = row.querySelector("label");
    if (row.dataset.field !== id) row.querySelector(".issues")?.remove();
    row.dataset.field = id;
    input.id = id;
    label.htmlFor = id;
    label.textContent = rows.length === 1 ? "Recipient email" : `Recipient email ${index + 1}`;
    const remove = row.querySelector(".remove");
    remove.hidden = rows.length === 1;
    remove.setAttribute("aria-label", `Remove recipient ${index + 1}`);
  });
}

/** The all-day switch turns the datetime-local inputs into date inputs and back. */
export function setAllDay(form, allDay) {
  const { start, end } = form.elements;
  if ((start.type === "date") === allDay) return;
  const startDate = start.value.slice(0, 10);
  let endDate = end.value.slice(0, 10);
  start.type = end.type = allDay ? "date" : "datetime-local";
  if (allDay) {
    // An all-day event ends on the next day (the end date is exclusive, as in iCalendar).
    if (startDate && (!endDate || endDate <= startDate)) endDate = addDays(startDate, 1);
    start.value = startDate;
    end.value = endDate;
  } else {
    start.value = startDate ? `${startDate}T09:00` : "";
    end.value = startDate ? `${startDate}T10:00` : "";
  }
}

/** Fills the form with a valid example starting tomorrow at 09:30 in the browser's zone. */
export function fillExample(form, { callbackUrl, timeZone }) {
  const tomorrow = addDays(localDate(new Date()), 1);
  const values = {
    smart_invite_id: "board-meeting-q2",
    summary: "Board meeting",
    description: "Discuss plans for the next quarter.",
    start: `${tomorrow}T09:30`,
    end: `${tomorrow}T10:00`,
    tzid: timeZone,
    location: "Board room",
    reminders: "10",
    organizer_name: "Smart Invite demo",
    organizer_email: "",
    callback_url: callbackUrl,
  };
  for (const [name, value] of Object.entries(values)) form.elements[name].value = value;
  addRecipient("alex@example.com");
}

/** The Smart Invite payload the form holds. Optional fields left empty are left out. */
export function readPayload(form) {
  const value = (name) => form.elements[name].value;
  const given = (name) => value(name).trim() !== "";
  const emails = recipientInputs().map((input) => input.value);
  const event = { summary: value("summary"), start: value("start"), end: value("end") };
  if (given("description")) event.description = value("description");
  if (given("tzid")) event.tzid = value("tzid").trim();
  if (given("location")) event.location = { description: value("location") };
  if (given("reminders")) event.reminders = readReminders(value("reminders"));

  const payload = { smart_invite_id: value("smart_invite_id") };
  if (emails.length === 1) payload.recipient = { email: emails[0] };
  else payload.recipients = emails.map((email) => ({ email }));
  payload.event = event;
  if (given("organizer_name") || given("organizer_email")) {
    payload.organizer = {};
    if (given("organizer_name")) payload.organizer.name = value("organizer_name");
    if (given("organizer_email")) payload.organizer.email = value("organizer_email").trim();
  }
  if (given("callback_url")) payload.callback_url = value("callback_url").trim();
  return payload;
}

/** "10, 60" -> [{minutes: 10}, {minutes: 60}]; anything not a number is passed on as typed, so
 * the validator says what is wrong with it. */
function readReminders(text) {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => ({ minutes: /^-?\d+(\.\d+)?$/.test(part) ? Number(part) : part }));
}

function localDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(isoDate, days) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
