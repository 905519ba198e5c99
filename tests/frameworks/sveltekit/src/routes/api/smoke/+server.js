// An endpoint running the smoke suite.
import * as api from "smart-invite";
import { runSmoke } from "../../../../smoke/smoke.mjs";

export async function GET() {
  return Response.json(await runSmoke(api, { runtime: "sveltekit-endpoint", baseUrl: process.env.SMART_INVITE_API }));
}
