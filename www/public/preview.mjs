// The "ICS preview": the normalized event as a calendar shows it (the time in the event's zone
// and in UTC), and the iCalendar text the package writes for it.

import { __buildInviteIcs } from "/pkg/gen/browser/index.mjs";
import { h } from "./dom.mjs";

const DAY = { weekday: "short", day: "numeric", month: "short", year: "numeric" };
const TIME = { ...DAY, hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };

/** Draws the event card for a normalized invite (`stale`: the last valid one, while the form
 * holds errors), or says why there is none. */
export function renderCard(card, invite, { stale = false } = {}) {
  const event = invite?.event;
  card.classList.toggle("stale", stale);
  if (!event) {
    card.replaceChildren(h("p", { class: "muted" }, "The preview appears once the invite is valid."));
    return;
  }
  const allDay = !event.start.time.includes("T");
  const people = (invite.recipients ?? [invite.recipient]).map((r) => r.email);
  const reminders = (event.reminders ?? []).map((r) => duration(r.minutes));
  const row = (name, ...value) => [h("dt", {}, name), h("dd", {}, ...value)];
  const note = h("p", { class: "stale-note" }, "The last valid version: fix the errors to update it.");
  card.replaceChildren(
    ...(stale ? [note] : []),
    h("p", { class: "card-title" }, event.summary),
    h(
      "dl",
      {},
      allDay
        ? row("When", allDayRange(event.start.time, event.end.time), " (all day)")
        : [
            row(event.start.tzid, h("span", { id: "preview-zone" }, range(event, event.start.tzid))),
            row("UTC", h("span", { id: "preview-utc" }, range(event, "UTC"))),
          ],
      event.location?.description && row("Where", event.location.description),
      reminders.length > 0 && row("Reminders", `${reminders.join(", ")} before`),
      invite.organizer?.name && row("Organizer", invite.organizer.name),
      row(people.length === 1 ? "Guest" : "Guests", people.join(", ")),
      event.description && row("Notes", event.description),
    ),
  );
}

/** The iCalendar text of a normalized invite, as a first revision written now. */
export function icsText(invite) {
  const meta = { uid: "", sequence: 0, method: "request", dtstamp: new Date().toISOString().replace(/\.\d+Z$/, "Z") };
  try {
    return __buildInviteIcs(JSON.stringify(invite), JSON.stringify(meta));
  } catch (error) {
    return `(no iCalendar: ${error.message})`;
  }
}

/** Formatters by zone: making one costs more than a whole validation, so each is made once. */
const formats = new Map();

function range(event, timeZone) {
  try {
    if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat("en-GB", { ...TIME, timeZone }));
    return formats.get(timeZone).formatRange(new Date(event.start.time), new Date(event.end.time));
  } catch {
    return "(this browser does not know the zone)";
  }
}

let allDayFormat;

/** All-day ends are exclusive (the day after the last one), as in iCalendar. */
function allDayRange(start, end) {
  const format = (allDayFormat ??= new Intl.DateTimeFormat("en-GB", { ...DAY, timeZone: "UTC" }));
  const last = new Date(`${end}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const first = new Date(`${start}T00:00:00Z`);
  return last > first ? format.formatRange(first, last) : format.format(first);
}

function duration(minutes) {
  if (minutes % 1440 === 0 && minutes > 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0 && minutes > 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
