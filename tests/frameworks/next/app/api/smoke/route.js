// A route handler running the smoke suite (validate, callbacks, send to the stand-in API).
import * as api from "smart-invite";
import { runSmoke } from "../../../smoke/smoke.mjs";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(await runSmoke(api, { runtime: "next-route-handler", baseUrl: process.env.SMART_INVITE_API }));
}
