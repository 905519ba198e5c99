// Vite copies the .wasm the package names with `new URL(..., import.meta.url)`: plain init().
import * as api from "smart-invite";
import { startSmoke } from "./browser.mjs";

startSmoke(api);
