// A server component: the smoke suite (validate, callbacks, send to the stand-in API) runs on
// the server for each request, and the page carries its report; the two client components run
// the server action and the suite in the browser.
import * as api from "smart-invite";
import { runSmoke } from "../smoke/smoke.mjs";
import { ActionCheck } from "./action-check.js";
import { ClientCheck } from "./client-check.js";

export const dynamic = "force-dynamic";

export default async function Page() {
  const report = await runSmoke(api, { runtime: "next-server-component", baseUrl: process.env.SMART_INVITE_API });
  return (
    <main>
      <pre id="server-component">{JSON.stringify(report)}</pre>
      <ActionCheck />
      <ClientCheck />
    </main>
  );
}
