"use server";
// A server action, called from the page by ActionCheck: the smoke suite on the server.
import * as api from "smart-invite";
import { runSmoke } from "../smoke/smoke.mjs";

export async function smokeAction() {
  return runSmoke(api, { runtime: "next-server-action", baseUrl: process.env.SMART_INVITE_API });
}
