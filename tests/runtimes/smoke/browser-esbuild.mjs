// esbuild does not follow `new URL("x.wasm", import.meta.url)`: the app imports the package's
// .wasm subpaths (the browser build's, the server build's), which `--loader:.wasm=file` copies
// next to the bundle and turns into their URLs.
import * as api from "smart-invite";
import wasmUrl from "smart-invite/wasm";
import fullWasmUrl from "smart-invite/wasm/full";
import { startSmoke } from "./browser.mjs";

startSmoke(api, wasmUrl, fullWasmUrl);
