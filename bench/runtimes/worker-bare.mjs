// The baseline worker: the same request handled by a bare JSON.parse.
import { validateInvite } from "./bare.mjs";

export default {
  async fetch(request) {
    const result = validateInvite(await request.text());
    return new Response(result.ok ? "ok" : "invalid", { status: result.ok ? 200 : 422 });
  },
};
