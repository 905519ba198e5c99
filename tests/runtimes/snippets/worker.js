import { validateInvite } from "smart-invite";

export default {
  async fetch(request) {
    const result = validateInvite(await request.text());
    return Response.json(result, { status: result.ok ? 200 : 422 });
  },
};
