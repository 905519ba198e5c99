// A route handler as an app would write one: validate the POSTed invite, 422 with the errors.
import { validateInvite } from "smart-invite";

export async function POST(request) {
  const result = validateInvite(await request.text());
  return Response.json(result, { status: result.ok ? 200 : 422 });
}
