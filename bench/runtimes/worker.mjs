// Per-request work in workerd: validate the POSTed payload with smart-invite.
import { validateInvite } from "smart-invite";

export default {
  async fetch(request) {
    const result = validateInvite(await request.text());
    return new Response(result.ok ? "ok" : "invalid", { status: result.ok ? 200 : 422 });
  },
};
