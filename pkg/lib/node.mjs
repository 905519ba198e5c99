// The package's entry for Node and Bun, for `import` and, through gen/cjs/lib/node.cjs, for
// `require`: one instance either way. It is the server entry, lib/server.mjs, as
// pkg/scripts/build.mjs bundles it (gen/server.mjs). The package's own modules (the mock, the
// queue, the command line) import this file too, so they share its instance: one core, one full
// build, one SmartInviteError class.
export * from "../gen/server.mjs";
