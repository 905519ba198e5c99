import { validateInvite } from "npm:smart-invite";

// No permission flag: the .wasm comes in through the module graph. Sending needs --allow-net.
const result = validateInvite({
  smart_invite_id: "board-2026-04",
  recipient: { email: "cronofy@example.com" },
  event: {
    summary: "Board meeting",
    start: "2026-04-29T09:30:00Z",
    end: "2026-04-29T10:00:00Z",
    tzid: "Europe/London",
  },
});
console.log(result.ok ? result.invite.event.start : result.errors);
