import { validateInvite } from "smart-invite";

// bun check.ts < invite.json
const result = validateInvite(await Bun.stdin.text()); // JSON text works as well as an object
if (result.ok) console.log("valid:", result.invite.smart_invite_id);
else for (const [field, issues] of Object.entries(result.errors)) console.log(field, issues[0].description);
