// Control for the workerd tests: compiling the package's .wasm from its bytes, as an entry
// that fetched or inlined them would, must be refused by workerd. If this ever succeeds, the
// smoke run in workerd would no longer prove that the entry imports the .wasm as a module.
import bytes from "wasm-bytes";

export default {
  async fetch() {
    try {
      await WebAssembly.compile(bytes);
      return new Response("compiled from bytes");
    } catch (error) {
      return new Response(String(error), { status: 500 });
    }
  },
};
