// Stand-ins for the names only the full build has, in the entries that start without it: a page
// (the browser build, until initFull()) and Node and Bun (the core build at import). A stand-in
// has the full build's name: a function calls the full build's; a class constructs the full
// build's class (subclasses included) and matches its instances with instanceof.
// pkg/scripts/build.mjs writes one line per name (gen/node-api.mjs, gen/browser/api.mjs).

/**
 * Stand-ins over `load(name)`, which returns the full build's glue: on a server it instantiates
 * the build on the first call; in a page it throws, naming `name`, until initFull() has loaded it.
 */
export function standIns(load) {
  let full;
  const classes = [];
  const get = (name) => {
    if (full === undefined) {
      full = load(name);
      // Instances made by a stand-in (or a subclass of it) get the full class's methods.
      for (const [standIn, className] of classes) {
        Object.setPrototypeOf(standIn.prototype, full[className].prototype);
        Object.setPrototypeOf(standIn, full[className]);
      }
    }
    return full;
  };
  return {
    /** A function of the full build under its own name. */
    fn(name) {
      return {
        [name](...args) {
          return get(name)[name](...args);
        },
      }[name];
    },
    /** A class of the full build under its own name. */
    cls(name) {
      const standIn = {
        [name]: class {
          constructor(...args) {
            // biome-ignore lint/correctness/noConstructorReturn: the instance is the full build's class's, made for new.target (so subclasses keep their prototype)
            return Reflect.construct(get(name)[name], args, new.target);
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
    },
  };
}
