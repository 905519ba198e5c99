// The package's entry for Node and Bun (`import`), and for bundlers that build for Node: the
// server entry, lib/server.mjs, as pkg/scripts/build.mjs bundles it (gen/server.mjs). The
// package's own modules (the mock, the queue, the command line) import this file too, so they
// share its instance: one core, one full build, one SmartInviteError class.
export * from "../gen/server.mjs";
