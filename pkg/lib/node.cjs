// Node and Bun, `require`: the wasm-bindgen `nodejs` glue reads its .wasm by __dirname
// (require() of the ESM entry fails before Node 20.19). This is a second instance beside the
// ESM one: mixing import and require of the package in one program gives two of everything.
// As in lib/server.mjs, the core is instantiated at load and the full server build on first use.

"use strict";

const core = require("../gen/core/smart_invite.cjs");
const setup = require("../gen/setup.cjs");
const { publicNames, coreNames, classNames } = require("../gen/api.cjs");

setup.registerServer(core);
setup.useFull(() => {
  const full = require("../gen/smart_invite.cjs");
  setup.registerServer(full, false);
  // The client sends through node:http here (a third of the CPU of Node 20's fetch per call).
  setup.registerClient(full, setup.defaultFetch);
  return full;
});

for (const name of publicNames) {
  if (coreNames.includes(name)) exports[name] = core[name];
  else exports[name] = classNames.includes(name) ? setup.standInClass(name) : setup.standInFunction(name);
}
exports.SmartInviteError = setup.SmartInviteError;
exports.createInviteSchema = setup.createInviteSchema;
exports.inviteSchema = setup.inviteSchema;
exports.init = async function init() {};
exports.initFull = async function initFull() {};
