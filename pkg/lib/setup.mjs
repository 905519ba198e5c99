// What every entry does once the wasm module is instantiated.

import { __setErrorClass } from "../gen/smart_invite.js";
import { SmartInviteError } from "./error.mjs";

export function registerClasses() {
  __setErrorClass(SmartInviteError);
}
