// Imported first by the workerd smoke worker, so it runs before the package's entry: makes every
// way of compiling WebAssembly from bytes throw. workerd refuses that only while handling a
// request and lets it pass at startup, but Cloudflare refuses it always; the entry must take
// the .wasm as an imported WebAssembly.Module. Instantiating a Module stays allowed.
const isBytes = (source) => source instanceof ArrayBuffer || ArrayBuffer.isView(source);
const refuse = (how) => {
  throw new Error(
    `${how}: the package compiled WebAssembly from bytes; in workerd it must import the .wasm as a module`,
  );
};

// A Proxy keeps `x instanceof WebAssembly.Module` working for real modules.
WebAssembly.Module = new Proxy(WebAssembly.Module, {
  construct(target, args, newTarget) {
    if (isBytes(args[0])) refuse("new WebAssembly.Module(bytes)");
    return Reflect.construct(target, args, newTarget);
  },
});
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = (source, imports) =>
  source instanceof WebAssembly.Module ? instantiate(source, imports) : refuse("WebAssembly.instantiate(bytes)");
WebAssembly.compile = () => refuse("WebAssembly.compile(bytes)");
WebAssembly.compileStreaming = () => refuse("WebAssembly.compileStreaming(response)");
WebAssembly.instantiateStreaming = () => refuse("WebAssembly.instantiateStreaming(response)");
