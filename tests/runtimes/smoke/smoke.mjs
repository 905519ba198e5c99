// The runtime smoke suite: the same checks, on the same fixtures, in every JavaScript runtime
// (Node ESM and CJS, Bun, Deno, workerd, Chromium). It imports nothing but the fixtures module
// the test writes next to it, so it runs unchanged wherever the package itself runs: no fs, no
// process, no Deno namespace. Each harness passes in the package's exports and prints or
// returns the report; tests/runtimes/*.test.mjs turn the report into node:test results.

import * as fixtures from "./fixtures.mjs";

/** The client secret the stand-in API expects (tests/runtimes/lib/stand-in-api.mjs). */
export const CLIENT_SECRET = "smoke-client-secret";

/** The line prefix a command-line harness prints its report after. */
export const REPORT_PREFIX = "SMOKE-REPORT ";

// Checks of exports another area ships (the client, the callback helpers) name the export, so a
// missing one fails with a message that says which.
const checks = [
  {
    name: "validateInvite accepts the seed example",
    part: "core",
    run(api, out) {
      const result = api.validateInvite(fixtures.seedRequest);
      equal(result.ok, true, `seed example rejected: ${JSON.stringify(result.errors)}`);
      equal(result.invite.smart_invite_id, fixtures.seedRequest.smart_invite_id, "smart_invite_id");
      equal(result.invite.event.summary, "Board meeting", "event.summary");
      const fromText = api.validateInvite(JSON.stringify(fixtures.seedRequest));
      equal(JSON.stringify(fromText), JSON.stringify(result), "a JSON string and the same object give one result");
      out.seed = result;
    },
  },
  {
    name: "validateInvite rejects a bad payload with the error map",
    part: "core",
    run(api, out) {
      const result = api.validateInvite(fixtures.badRequest);
      equal(result.ok, false, "a payload without event.summary passed");
      equal("invite" in result, false, "a rejected result carries no invite");
      const issues = result.errors["event.summary"];
      equal(Array.isArray(issues), true, `no error for event.summary in ${JSON.stringify(result.errors)}`);
      equal(issues[0].key, "errors.required", "event.summary key");
      for (const [path, list] of Object.entries(result.errors)) {
        for (const issue of list) {
          equal(typeof issue.key === "string" && typeof issue.description === "string", true, `issue at ${path}`);
        }
      }
      out.bad = result;
    },
  },
  {
    name: "normalizeInvite throws SmartInviteError with the same map",
    part: "core",
    run(api) {
      const error = thrown(() => api.normalizeInvite(fixtures.badRequest));
      equal(error instanceof Error, true, "a real Error");
      equal(error instanceof api.SmartInviteError, true, "instanceof SmartInviteError");
      equal(error.kind, "validation", "kind");
      equal(JSON.stringify(error.errors), JSON.stringify(api.validateInvite(fixtures.badRequest).errors), "errors");
      equal(api.normalizeInvite(fixtures.seedRequest).smart_invite_id, fixtures.seedRequest.smart_invite_id, "valid");
    },
  },
  {
    name: "timeZones and dataCenters list what the validator accepts",
    part: "core",
    run(api, out) {
      const zones = api.timeZones();
      equal(Array.isArray(zones) && zones.length > 300, true, `only ${zones?.length} zones`);
      equal(zones.includes("Europe/London") && zones.includes("America/New_York"), true, "well-known zones");
      const centers = api.dataCenters();
      equal(centers.map((c) => c.id).join(","), "us,uk,de,au,ca,sg", "data center ids");
      equal(centers[0].apiUrl, "https://api.cronofy.com", "us apiUrl");
      out.zones = zones;
      out.dataCenters = centers;
    },
  },
  {
    name: "verifyNotification accepts a published HMAC vector",
    part: "callbacks",
    needs: "verifyNotification",
    run(api) {
      const { body, secret, signature } = fixtures.hmacVector;
      equal(api.verifyNotification({ body, signature, clientSecret: secret }), true, "published vector");
      const bytes = new TextEncoder().encode(body);
      equal(api.verifyNotification({ body: bytes, signature, clientSecret: secret }), true, "body as bytes");
      equal(api.verifyNotification({ body: `${body} `, signature, clientSecret: secret }), false, "altered body");
      equal(api.verifyNotification({ body, signature: "", clientSecret: secret }), false, "empty signature");
    },
  },
  {
    name: "parseNotification reads the documented callback",
    part: "callbacks",
    needs: "parseNotification",
    run(api) {
      const notification = api.parseNotification(JSON.stringify(fixtures.notification));
      equal(notification.smart_invite.smart_invite_id, "example_id", "smart_invite_id");
      equal(notification.smart_invite.reply.status, "tentative", "reply.status");
      const error = thrown(() => api.parseNotification("{"));
      equal(error instanceof api.SmartInviteError && error.kind, "invalid_notification", "kind for bad JSON");
    },
  },
  {
    name: "SmartInviteClient sends to the stand-in API and reads the reply",
    part: "client",
    needs: "SmartInviteClient",
    async run(api, out, env) {
      const client = newClient(api, env);
      const smart_invite_id = `smoke-${env.runtime}`;
      const reply = await client.upsert({ ...fixtures.seedRequest, smart_invite_id });
      equal(reply.smart_invite_id, smart_invite_id, "reply.smart_invite_id");
      equal(reply.recipient.status, "pending", "reply.recipient.status");
      equal(typeof reply.attachments.icalendar, "string", "reply.attachments.icalendar");
      out.sent = smart_invite_id;
    },
  },
  {
    name: "SmartInviteClient turns the API's 422 into SmartInviteError",
    part: "client",
    needs: "SmartInviteClient",
    async run(api, _out, env) {
      const client = newClient(api, env);
      const smart_invite_id = `smoke-reject-${env.runtime}`;
      const error = await rejection(client.upsert({ ...fixtures.seedRequest, smart_invite_id }));
      equal(error instanceof api.SmartInviteError, true, `not a SmartInviteError: ${error}`);
      equal(error.kind, "validation", "kind");
      equal(error.status, 422, "status");
      equal(JSON.stringify(error.errors), JSON.stringify(fixtures.serverErrors), "errors from the 422 body");
    },
  },
];

/**
 * Runs every check against `api` (the package's exports) and returns the report.
 * env: { runtime: a name for this run, baseUrl: the stand-in API, browser: true in a page,
 *        parts: which parts to run (default all; Deno runs "core" without any permission) }.
 */
export async function runSmoke(api, env) {
  const parts = env.parts ?? ["core", "callbacks", "client"];
  const report = { runtime: env.runtime, results: [], outputs: {} };
  for (const check of checks) {
    if (!parts.includes(check.part)) continue;
    if (check.needs && typeof api[check.needs] !== "function") {
      const reason = `${check.needs} is not exported by this entry of the package (exports: ${Object.keys(api).sort()})`;
      report.results.push({ name: check.name, status: "fail", reason });
      continue;
    }
    try {
      await check.run(api, report.outputs, env);
      report.results.push({ name: check.name, status: "pass" });
    } catch (error) {
      report.results.push({ name: check.name, status: "fail", reason: String(error?.stack ?? error) });
    }
  }
  return report;
}

function newClient(api, env) {
  const options = { clientSecret: CLIENT_SECRET, baseUrl: env.baseUrl, timeoutMs: 5000, maxRetries: 0 };
  // Only the page opts in: server runtimes (which also have `navigator`) must work without it.
  if (env.browser) options.allowBrowser = true;
  return new api.SmartInviteClient(options);
}

function equal(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function thrown(f) {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw, but the call returned");
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, but the promise resolved");
}
