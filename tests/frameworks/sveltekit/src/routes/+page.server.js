// The page's server load: the smoke suite (validate, callbacks, send to the stand-in API).
import * as api from "smart-invite";
import { runSmoke } from "../../smoke/smoke.mjs";

export async function load() {
  return { report: await runSmoke(api, { runtime: "sveltekit-load", baseUrl: process.env.SMART_INVITE_API }) };
}
