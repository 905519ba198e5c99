import { init, validateInvite } from "smart-invite";
import wasmUrl from "smart-invite/wasm"; // --loader:.wasm=file copies the .wasm beside the bundle

await init(wasmUrl);
const result = validateInvite({ smart_invite_id: "x", recipient: { email: "cronofy@example.com" } });
document.body.textContent = result.ok ? "valid" : Object.keys(result.errors).join(", ");
