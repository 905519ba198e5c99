// esbuild does not follow `new URL("x.wasm", import.meta.url)`: the app imports the package's
// .wasm subpath, which `--loader:.wasm=file` copies next to the bundle and turns into its URL.
import * as api from "smart-invite";
import wasmUrl from "smart-invite/wasm";
import { startSmoke } from "./browser.mjs";

startSmoke(api, wasmUrl);
