// A Nitro API route running the smoke suite.
import * as api from "smart-invite";
import { runSmoke } from "../../smoke/smoke.mjs";

export default defineEventHandler(() =>
  runSmoke(api, { runtime: "nuxt-api-route", baseUrl: process.env.SMART_INVITE_API }),
);
