const { normalizeInvite, SmartInviteError } = require("smart-invite");

try {
  normalizeInvite({ smart_invite_id: "board-2026-04", recipient: { email: "cronofy@example.com" }, event: {} });
} catch (error) {
  if (!(error instanceof SmartInviteError)) throw error;
  console.log(error.kind, Object.keys(error.errors)); // validation [ 'event.summary', 'event.start', ... ]
}
