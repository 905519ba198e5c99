// Node and Bun, `require`: the wasm-bindgen `nodejs` glue reads the same .wasm by __dirname
// (require() of the ESM entry fails before Node 20.19). This is a second instance beside the
// ESM one: mixing import and require of the package in one program gives two of everything.

"use strict";

const glue = require("../gen/smart_invite.cjs");
const { SmartInviteError, defaultFetch, register, registerClient } = require("../gen/setup.cjs");
const { publicNames } = require("../gen/api.cjs");

register(glue);
// The client sends through node:http here (a third of the CPU of Node 20's fetch per call).
registerClient(glue, defaultFetch);

for (const name of publicNames) exports[name] = glue[name];
exports.SmartInviteError = SmartInviteError;
({ createInviteSchema: exports.createInviteSchema, inviteSchema: exports.inviteSchema } = require("../gen/setup.cjs"));
exports.init = async function init() {};
exports.initFull = async function initFull() {};
