// `make bench-adversarial`: hostile inputs just under the 1 MiB limit through every entry point
// that reads untrusted input, each timed against `JSON.parse` of the same text in the same
// run. Target: every call at most 20x `JSON.parse` and at most 100 ms.
//
//   node bench/adversarial/run.mjs [--package DIR] [--only NAME] [--runs N]
//
// `--package` points at another build of pkg/ (to measure a former commit the same way);
// `--runs` sets the timed calls per input (default 5 to 7; 1 for a build that takes seconds).

import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { values: args } = parseArgs({
  options: {
    package: { type: "string", default: join(root, "pkg") },
    only: { type: "string" },
    runs: { type: "string" },
  },
});
const api = await import(pathToFileURL(join(args.package, "lib", "node.mjs")).href);
const { startMockServer } = await import(pathToFileURL(join(args.package, "mock", "index.mjs")).href);

const LIMIT = 1 << 20;
const TARGET = { ratio: 20, ms: 100 };
const SECRET = "bench-adversarial-secret";
const EVENT = { summary: "s", start: "2026-04-29T09:30:00Z", end: "2026-04-29T10:00:00Z", tzid: "Europe/London" };

/** The largest n whose `make(n)` stays under the limit (doubling, then bisecting). */
function fill(make) {
  let high = 1;
  while (make(high).length < LIMIT) high *= 2;
  let low = high / 2;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (make(mid).length < LIMIT) low = mid;
    else high = mid;
  }
  return { n: low, text: make(low) };
}

const times = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const invite = (extra) => JSON.stringify({ smart_invite_id: "x", recipient: { email: "a@example.com" }, ...extra });
const withRecipients = (n, item) => JSON.stringify({ smart_invite_id: "x", recipients: times(n, item), event: EVENT });
/** An object with `n` fields named by `key(i)`, written as text so repeated keys stay repeated. */
const fields = (n, key, value = "1") => times(n, (i) => `${JSON.stringify(key(i))}:${value}`).join(",");
const eventWith = (body) =>
  `{"smart_invite_id":"x","recipient":{"email":"a@example.com"},"event":{${JSON.stringify(EVENT).slice(1, -1)},${body}}}`;
const topWith = (body) => `${invite({ event: EVENT }).slice(0, -1)},${body}}`;
const deep = (depth) => "[".repeat(depth) + "]".repeat(depth);
const replies = (n) => times(n, (i) => ({ email: `p${i}@example.com`, status: "accepted" }));

/** Validation shapes: the four and the ones found since. */
const PAYLOADS = {
  "distinct recipients": (n) => withRecipients(n, (i) => ({ email: `p${i}@example.com` })),
  "recipients: number email, array status": (n) => withRecipients(n, (i) => ({ email: i, status: [i] })),
  "the same recipient repeated": (n) => withRecipients(n, () => ({ email: "A@example.com" })),
  "misspelt fields in event": (n) => eventWith(fields(n, (i) => `sumary${i}`)),
  "misspelt fields at the top": (n) => topWith(fields(n, (i) => `smart_invite_di${i}`)),
  "one unknown key repeated": (n) => topWith(fields(n, () => "colour")),
  "a known key repeated": (n) => topWith(fields(n, () => "callback_url", '"https://a.example.com/x"')),
  "fields nested 120 deep": (n) => eventWith(fields(n, (i) => `x${i}`, deep(120))),
  "many reminders": (n) => invite({ event: { ...EVENT, reminders: times(n, (i) => ({ minutes: i })) } }),
  "a long near-miss zone": (n) => invite({ event: { ...EVENT, tzid: `Europe/Lond${"o".repeat(n)}` } }),
  "a description full of escapes": (n) => invite({ event: { ...EVENT, description: '\n"\\é\u0001'.repeat(n) } }),
  "a long email address": (n) => invite({ recipient: { email: `${"a.".repeat(n)}@example.com` } }),
  "a long callback URL": (n) => invite({ callback_url: `https://${"a.".repeat(n)}x.com/` }),
};

/** The timed calls per input: `--runs`, else `fallback`. */
const runs = (fallback) => Number(args.runs ?? fallback);

/** Median and best of `runs` timed calls of `f`, in ms (one untimed call first). */
function measure(f, runs) {
  if (runs > 1) f();
  const samples = times(runs, () => {
    const t = performance.now();
    f();
    return performance.now() - t;
  }).sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)], best: samples[0] };
}

async function measureAsync(f, runs) {
  if (runs > 1) await f();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)], best: samples[0] };
}

const rows = [];
function record(entry, shape, text, ours) {
  const parse = measure(() => JSON.parse(text), 15);
  const ratio = ours.median / parse.median;
  const met = ratio <= TARGET.ratio && ours.median <= TARGET.ms;
  rows.push([
    entry,
    shape,
    `${(text.length / 1024).toFixed(0)} KB`,
    ours.median.toFixed(2),
    parse.median.toFixed(2),
    `${ratio.toFixed(1)}x`,
    met ? "met" : "MISSED",
  ]);
  console.error(`${entry} / ${shape}: ${ours.median.toFixed(2)} ms, ${ratio.toFixed(1)}x JSON.parse`);
}
const wanted = (name) => !args.only || name.includes(args.only);

// validateInvite and normalizeInvite, JSON text in (as a form endpoint gets a body).
for (const [shape, make] of Object.entries(PAYLOADS)) {
  if (!wanted(shape)) continue;
  const { text } = fill(make);
  record(
    "validateInvite",
    shape,
    text,
    measure(() => api.validateInvite(text), runs(7)),
  );
}
{
  const { text } = fill(PAYLOADS["distinct recipients"]);
  if (wanted("normalizeInvite")) {
    record(
      "normalizeInvite",
      "distinct recipients",
      text,
      measure(() => api.normalizeInvite(text), runs(7)),
    );
  }
}

// The client: a huge invalid payload refused before sending, and a huge answer from a server.
{
  const answer = (n) =>
    JSON.stringify({
      smart_invite_id: "x",
      recipients: replies(n),
      event: {
        summary: "s",
        start: { time: EVENT.start, tzid: "Europe/London" },
        end: { time: EVENT.end, tzid: "Europe/London" },
      },
      attachments: { icalendar: "BEGIN:VCALENDAR" },
    });
  const { text: body } = fill(answer);
  const server = createServer((req, res) => {
    req.resume().on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = new api.SmartInviteClient({
    clientSecret: SECRET,
    baseUrl: `http://127.0.0.1:${server.address().port}`,
  });
  if (wanted("client")) {
    const small = { smart_invite_id: "x", recipients: [{ email: "a@example.com" }], event: EVENT };
    record(
      "client.upsert",
      "an answer with every recipient",
      body,
      await measureAsync(() => client.upsert(small), runs(7)),
    );
    const { text: bad } = fill(PAYLOADS["recipients: number email, array status"]);
    const refused = () => client.upsert(bad).catch((error) => error);
    record("client.upsert", "refused: number emails", bad, await measureAsync(refused, runs(7)));
  }
  server.close();
}

// Callbacks: verifying and reading a huge body.
{
  const notification = (n) =>
    JSON.stringify({
      notification: { type: "smart_invite" },
      smart_invite: {
        smart_invite_id: "x",
        recipient: { email: "a@example.com", status: "accepted", comment: "\n\\".repeat(n) },
        replies: replies(n),
      },
    });
  const { text } = fill(notification);
  const signature = api.signNotification(text, SECRET);
  if (wanted("Notification")) {
    record(
      "parseNotification",
      "many replies, a long comment",
      text,
      measure(() => api.parseNotification(text), runs(7)),
    );
    const verify = () => api.verifyNotification({ body: text, signature, clientSecret: SECRET });
    record("verifyNotification", "a 1 MiB body", text, measure(verify, runs(7)));
  }
}

// The email, from an ICS with thousands of attendees and long folded lines.
{
  const ics = (n) =>
    [
      "BEGIN:VCALENDAR",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
      `SUMMARY:${"é, ".repeat(Math.min(n, 2000))}`,
      ...times(n, (i) => `ATTENDEE;CN=P ${i};PARTSTAT=NEEDS-ACTION:mailto:p${i}@example.com`),
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  const { text } = fill((n) => JSON.stringify({ invite: ics(n), from: "a@example.com" }));
  const options = JSON.parse(text);
  if (wanted("buildInviteEmail")) {
    record(
      "buildInviteEmail",
      "an ICS with thousands of attendees",
      text,
      measure(() => api.buildInviteEmail(options), runs(5)),
    );
  }
}

// The mock's handler: a POST of each of the shapes, answered 422.
if (wanted("mock")) {
  const mock = await startMockServer({ clientSecret: SECRET });
  for (const shape of ["distinct recipients", "recipients: number email, array status", "misspelt fields in event"]) {
    const { text } = fill(PAYLOADS[shape]);
    const post = async () => {
      const res = await fetch(`${mock.url}/v1/smart_invites`, {
        method: "POST",
        headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json" },
        body: text,
      });
      await res.arrayBuffer();
    };
    record("mock POST", shape, text, await measureAsync(post, runs(5)));
  }
  await mock.close();
}

const headers = ["entry point", "input (just under 1 MiB)", "size", "ms per call", "JSON.parse ms", "ratio", "target"];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
console.log(
  `\nNode ${process.version}, ${args.package}; target: at most ${TARGET.ratio}x JSON.parse and ${TARGET.ms} ms`,
);
console.log([line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
