// The Smart Invite rules written with zod 4, for the side-by-side benchmark: the same checks
// as the Rust core (required fields, types, lengths, control characters, emails, URLs, time
// zones through Intl with a cache, local times resolved in their zone, start before end,
// coordinates, reminders, colours) and the same normalized output (times in UTC, unknown
// fields dropped). The organizer forwarding warning is produced too.

import { z } from "zod";

const CONTROL = /[\u0000-\u001f\u007f]/;
const zoneCache = new Map();

/** An Intl formatter for a valid IANA zone, or null; cached per id. */
function zone(id) {
  let formatter = zoneCache.get(id);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone: id,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
      // Intl accepts aliases and offsets such as "+01:00" and is case-insensitive: keep IANA names only.
      if (
        !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(id) ||
        formatter.resolvedOptions().timeZone.toLowerCase() !== id.toLowerCase()
      ) {
        formatter = id === "UTC" || id === "Etc/UTC" ? formatter : null;
      }
    } catch {
      formatter = null;
    }
    zoneCache.set(id, formatter);
  }
  return formatter;
}

/** The offset of a zone at a UTC instant, in milliseconds. */
function offsetAt(formatter, utcMs) {
  const p = {};
  for (const { type, value } of formatter.formatToParts(utcMs)) p[type] = Number(value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - utcMs;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function iso(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Normalizes one time of the event; issues are added to ctx at `path`. */
function resolveTime(text, tzid, ctx, path) {
  const m = TIME.exec(text.trim());
  if (!m) {
    ctx.addIssue({ code: "custom", path, message: "errors.invalid_time" });
    return null;
  }
  const [, y, mo, d, h, mi, s = "0", frac, offset] = m;
  if (h === undefined) return { date: true, text: `${y}-${mo}-${d}`, ms: Date.UTC(+y, +mo - 1, +d) };
  if (frac && /[1-9]/.test(frac)) {
    ctx.addIssue({ code: "custom", path, message: "errors.fractional_seconds" });
    return null;
  }
  const local = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const check = new Date(local);
  if (check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) {
    ctx.addIssue({ code: "custom", path, message: "errors.invalid_time" });
    return null;
  }
  if (offset === "Z") return { date: false, ms: local };
  if (offset) {
    const sign = offset[0] === "-" ? -1 : 1;
    return { date: false, ms: local - sign * (+offset.slice(1, 3) * 60 + +offset.slice(4, 6)) * 60000 };
  }
  const formatter = zone(tzid);
  if (!formatter) return null;
  // The two candidate instants around the local time; none is a gap, two an overlap.
  const candidates = new Set();
  for (const probe of [local - 86400000, local + 86400000]) {
    const utc = local - offsetAt(formatter, probe);
    if (utc + offsetAt(formatter, utc) === local) candidates.add(utc);
  }
  if (candidates.size !== 1) {
    ctx.addIssue({
      code: "custom",
      path,
      message: candidates.size ? "errors.ambiguous_local_time" : "errors.nonexistent_local_time",
    });
    return null;
  }
  return { date: false, ms: [...candidates][0] };
}

const text = (max) => {
  let s = z.string().trim().min(1);
  if (max) s = s.max(max);
  return s;
};
const singleLine = (max) => text(max).refine((s) => !CONTROL.test(s), "errors.control_characters");
const email = z.string().trim().pipe(z.email());
const webUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/ }));
const anyUrl = z.string().trim().pipe(z.url());
const tzid = z
  .string()
  .trim()
  .refine((id) => zone(id) !== null, "errors.unknown_time_zone");
const timeInput = z.union([z.string(), z.object({ time: z.string(), tzid: tzid.optional() })]);
const coordinate = (limit) =>
  z.union([z.number(), z.string().trim()]).transform((v, ctx) => {
    const n = typeof v === "number" ? v : Number(v);
    if (!Number.isFinite(n) || (typeof v === "string" && v === "")) {
      ctx.addIssue({ code: "custom", message: "errors.invalid_type" });
      return z.NEVER;
    }
    if (Math.abs(n) > limit) {
      ctx.addIssue({ code: "custom", message: "errors.out_of_range" });
      return z.NEVER;
    }
    return String(v);
  });

const recipient = z.object({ email, status: z.enum(["pending", "accepted", "tentative", "declined"]).optional() });

const event = z
  .object({
    summary: singleLine(1024),
    description: text(4096).optional(),
    start: timeInput,
    end: timeInput,
    tzid: tzid.optional(),
    location: z
      .object({ description: text().optional(), lat: coordinate(90).optional(), long: coordinate(180).optional() })
      .optional(),
    reminders: z
      .array(z.object({ minutes: z.number().int().min(0).max(4294967295) }))
      .max(5)
      .optional(),
    transparency: z.enum(["opaque", "transparent"]).optional(),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
    url: anyUrl.optional(),
    attendees: z.never().optional(),
    conferencing: z.never().optional(),
  })
  .transform((e, ctx) => {
    const ends = ["start", "end"].map((name) => {
      const given = e[name];
      const own = typeof given === "object" ? given.tzid : undefined;
      const zoneId = own ?? e.tzid ?? "Etc/UTC";
      const resolved = resolveTime(typeof given === "object" ? given.time : given, zoneId, ctx, [name]);
      return resolved && { ...resolved, tzid: zoneId };
    });
    const [start, end] = ends;
    if (!start || !end) return z.NEVER;
    if (start.date !== end.date) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "errors.mixed_time_kinds" });
      return z.NEVER;
    }
    if (start.ms >= end.ms) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "errors.start_after_end" });
      return z.NEVER;
    }
    const time = (t) => ({ time: t.date ? t.text : iso(t.ms), tzid: t.tzid });
    const out = { summary: e.summary };
    if (e.description !== undefined) out.description = e.description;
    out.start = time(start);
    out.end = time(end);
    for (const key of ["location", "reminders", "transparency", "color", "url"]) {
      if (e[key] !== undefined) out[key] = e[key];
    }
    return out;
  });

export const inviteSchema = z
  .object({
    method: z.enum(["request", "cancel", "remove"]).default("request"),
    smart_invite_id: singleLine(),
    recipient: recipient.optional(),
    recipients: z.array(recipient).min(1).optional(),
    callback_url: webUrl.optional(),
    organizer: z.object({ name: text().optional(), email: email.optional() }).optional(),
    event: event.optional(),
  })
  .superRefine((invite, ctx) => {
    if (!invite.recipient && !invite.recipients)
      ctx.addIssue({ code: "custom", path: ["recipient"], message: "errors.required" });
    if (invite.recipient && invite.recipients)
      ctx.addIssue({ code: "custom", path: ["recipients"], message: "errors.conflict" });
    if (invite.method === "request" && !invite.event)
      ctx.addIssue({ code: "custom", path: ["event"], message: "errors.required" });
  });

/**
 * The same result shape as `validateInvite`: `{ ok, invite | errors, warnings }`, with the
 * errors keyed by dotted path like Cronofy's 422 body.
 */
export function validateWithZod(input, forwarding = "organizer@invite.cronofy.com") {
  const parsed = inviteSchema.safeParse(input);
  const warnings = {};
  if (!parsed.success) {
    const errors = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");
      const key = issue.message.startsWith("errors.") ? issue.message : `errors.${issue.code}`;
      (errors[path] ??= []).push({ key, description: issue.message });
    }
    return { ok: false, errors, warnings };
  }
  const invite = parsed.data;
  if (invite.method !== "request") delete invite.event;
  if (invite.organizer?.email) {
    warnings["organizer.email"] = [
      {
        key: "warnings.organizer_forwarding",
        description: `Replies reach Smart Invites only if mail to ${invite.organizer.email} is forwarded to ${forwarding} (the address for the us data center): set up that forwarding before sending.`,
      },
    ];
  }
  return { ok: true, invite, warnings };
}
