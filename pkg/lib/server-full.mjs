// The server build loaded on first use, for the entries that start with the core alone (Node
// and Bun, lib/node.mjs). At import they instantiate the core (validate,
// normalize, zones, data centers: gen/core/), a third of the server build's code, which compiles
// in a third of the time; the client, the callback helpers and the email live in the full
// server build (gen/), instantiated synchronously by the loader an entry hands to `useFull` the
// first time one of them is used. The stand-ins below take their names: a class stand-in
// constructs the full build's class (subclasses included) and matches its instances with
// instanceof, so neither `new SmartInviteClient()` nor any other call changes.

let load;
let full;
const classes = [];

/** Sets the function that instantiates the full server build and returns its glue. */
export function useFull(loader) {
  load = loader;
}

/** The full server build's glue, instantiated on the first call. */
export function fullBuild() {
  if (full === undefined) {
    full = load();
    // Instances made by a stand-in (or a subclass of it) get the full class's methods.
    for (const [standIn, name] of classes) {
      Object.setPrototypeOf(standIn.prototype, full[name].prototype);
      Object.setPrototypeOf(standIn, full[name]);
    }
  }
  return full;
}

/** A function of the full build under its own name, loading the build on its first call. */
export function standInFunction(name) {
  return {
    [name](...args) {
      return fullBuild()[name](...args);
    },
  }[name];
}

/** A class of the full build under its own name: constructs the full build's class. */
export function standInClass(name) {
  const standIn = {
    [name]: class {
      constructor(...args) {
        // biome-ignore lint/correctness/noConstructorReturn: the instance is the full build's class's, made for new.target (so subclasses keep their prototype)
        return Reflect.construct(fullBuild()[name], args, new.target);
      }
    },
  }[name];
  Object.defineProperty(standIn, Symbol.hasInstance, {
    value(value) {
      // A subclass inherits this method: it matches its own instances only.
      if (this !== standIn) return Function.prototype[Symbol.hasInstance].call(this, value);
      return full !== undefined && value instanceof full[name];
    },
  });
  classes.push([standIn, name]);
  return standIn;
}
