import { init, validateInvite } from "smart-invite";

await init(); // Vite copies the .wasm the package points at and init() fetches it
const result = validateInvite({ smart_invite_id: "x", recipient: { email: "cronofy@example.com" } });
document.body.textContent = result.ok ? "valid" : Object.keys(result.errors).join(", ");
