// The mock's iCalendar attachment, read by an independent parser (ical.js): every property.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import ICAL from "ical.js";
import { clientFor, SECRET, startMockServer } from "./helpers.mjs";

let mock;
let client;
before(async () => {
  mock = await startMockServer({ clientSecret: SECRET, dataCenter: "uk" });
  client = clientFor(mock, { dataCenter: "uk" });
});
after(() => mock.close());

function parse(ics) {
  assert.ok(!/[^\r]\n/.test(ics), "every line ends with CRLF");
  for (const line of ics.split("\r\n")) assert.ok(Buffer.byteLength(line) <= 75, `line over 75 octets: ${line}`);
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent");
  assert.equal(events.length, 1);
  return { calendar, event: events[0] };
}

const description = "Agenda: budget; hiring, and a \\ backslash.\nSecond line with ünïcödé — and a long tail ".repeat(
  3,
);

test("a timed event: every property", async () => {
  const answer = await client.upsert({
    smart_invite_id: "ics-timed",
    recipient: { email: "ann@example.com" },
    callback_url: "https://app.example.com/cb",
    organizer: { name: "Acme, Inc.", email: "events@acme.example" },
    event: {
      summary: "Quarterly review; budget, hiring",
      description,
      start: { time: "2026-04-29T10:30:00", tzid: "Europe/Paris" },
      end: { time: "2026-04-29T11:45:00", tzid: "Europe/Paris" },
      location: { description: "Room 4, Building B" },
      reminders: [{ minutes: 30 }, { minutes: 0 }, { minutes: 1440 }],
      transparency: "transparent",
      url: "https://acme.example/review?id=42",
    },
  });
  const { calendar, event } = parse(answer.attachments.icalendar);
  assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
  assert.equal(calendar.getFirstPropertyValue("method"), "REQUEST");
  assert.ok(calendar.getFirstPropertyValue("prodid"));

  const uid = event.getFirstPropertyValue("uid");
  assert.match(uid, /@smart-invite-mock$/);
  assert.equal(event.getFirstPropertyValue("sequence"), 0);
  assert.ok(event.getFirstPropertyValue("dtstamp").toJSDate() instanceof Date);

  const start = event.getFirstProperty("dtstart");
  assert.equal(start.getFirstValue().toJSDate().toISOString(), "2026-04-29T08:30:00.000Z");
  assert.equal(start.getFirstValue().zone, ICAL.Timezone.utcTimezone, "DTSTART in UTC");
  assert.equal(event.getFirstPropertyValue("dtend").toJSDate().toISOString(), "2026-04-29T09:45:00.000Z");

  assert.equal(event.getFirstPropertyValue("summary"), "Quarterly review; budget, hiring");
  assert.equal(answer.event.description, description.trim(), "the core trims text");
  assert.equal(event.getFirstPropertyValue("description"), description.trim());
  assert.equal(event.getFirstPropertyValue("location"), "Room 4, Building B");
  assert.equal(event.getFirstPropertyValue("url"), "https://acme.example/review?id=42");
  assert.equal(event.getFirstPropertyValue("transp"), "TRANSPARENT");

  const organizer = event.getFirstProperty("organizer");
  assert.equal(organizer.getFirstValue().toLowerCase(), "mailto:events@acme.example");
  assert.equal(organizer.getParameter("cn"), "Acme, Inc.");

  const attendees = event.getAllProperties("attendee");
  assert.equal(attendees.length, 1);
  assert.equal(attendees[0].getFirstValue().toLowerCase(), "mailto:ann@example.com");
  assert.equal(attendees[0].getParameter("partstat"), "NEEDS-ACTION");
  assert.equal(attendees[0].getParameter("rsvp"), "TRUE");

  const alarms = event.getAllSubcomponents("valarm");
  assert.deepEqual(
    alarms.map((a) => a.getFirstPropertyValue("trigger").toSeconds() + 0), // -0 for PT0M
    [-30 * 60, 0, -1440 * 60],
  );
  for (const alarm of alarms) {
    assert.equal(alarm.getFirstPropertyValue("action"), "DISPLAY");
    assert.ok(alarm.getFirstPropertyValue("description"));
  }

  // An update keeps the UID and raises SEQUENCE; a reply changes PARTSTAT.
  await mock.reply({ smart_invite_id: "ics-timed", email: "ann@example.com", status: "tentative" });
  const moved = await client.upsert({
    smart_invite_id: "ics-timed",
    recipient: { email: "ann@example.com" },
    callback_url: "https://app.example.com/cb",
    event: { summary: "Moved", start: "2026-04-30T08:00:00Z", end: "2026-04-30T09:00:00Z", tzid: "Europe/Paris" },
  });
  const second = parse(moved.attachments.icalendar).event;
  assert.equal(second.getFirstPropertyValue("uid"), uid);
  assert.equal(second.getFirstPropertyValue("sequence"), 1);
  assert.equal(second.getFirstProperty("attendee").getParameter("partstat"), "TENTATIVE");
  // Without a custom organizer email, the organizer is the data center's forwarding address.
  assert.equal(second.getFirstPropertyValue("organizer").toLowerCase(), "mailto:organizer@invite-uk.cronofy.com");
});

test("an all-day event: DTSTART/DTEND as VALUE=DATE", async () => {
  const answer = await client.upsert({
    smart_invite_id: "ics-day",
    recipient: { email: "ann@example.com" },
    event: { summary: "Offsite", start: "2026-05-04", end: "2026-05-06", tzid: "Europe/London" },
  });
  const { event } = parse(answer.attachments.icalendar);
  const start = event.getFirstPropertyValue("dtstart");
  assert.equal(start.isDate, true);
  assert.equal(start.toString(), "2026-05-04");
  assert.equal(event.getFirstPropertyValue("dtend").toString(), "2026-05-06");
  assert.equal(event.getFirstPropertyValue("transp"), "OPAQUE");
});

test("multi-recipient: one ATTENDEE each with its PARTSTAT; cancel gives METHOD:CANCEL", async () => {
  const people = [
    { email: "ann@example.com", status: "accepted" },
    { email: "bob@example.com", status: "declined" },
    { email: "cy@example.com" },
  ];
  const answer = await client.upsert({
    smart_invite_id: "ics-multi",
    recipients: people,
    event: { summary: "Team lunch", start: "2026-05-04T11:00:00Z", end: "2026-05-04T12:00:00Z", tzid: "Europe/London" },
  });
  const { event } = parse(answer.attachments.icalendar);
  assert.deepEqual(
    event.getAllProperties("attendee").map((a) => [a.getFirstValue().toLowerCase(), a.getParameter("partstat")]),
    [
      ["mailto:ann@example.com", "ACCEPTED"],
      ["mailto:bob@example.com", "DECLINED"],
      ["mailto:cy@example.com", "NEEDS-ACTION"],
    ],
  );
  const cancelled = await client.cancel({
    smart_invite_id: "ics-multi",
    recipients: people.map(({ email }) => ({ email })),
  });
  const { calendar, event: gone } = parse(cancelled.attachments.icalendar);
  assert.equal(calendar.getFirstPropertyValue("method"), "CANCEL");
  assert.equal(gone.getFirstPropertyValue("status"), "CANCELLED");
  assert.equal(gone.getFirstPropertyValue("uid"), event.getFirstPropertyValue("uid"));
  assert.equal(gone.getFirstPropertyValue("sequence"), 1);
});
