using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .inviteCheck) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);

const inviteCheck :Workerd.Worker = (
  compatibilityDate = "2025-09-01",
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    # smart-invite's workerd entry and what it imports, named by their path in the package;
    # the .wasm is a `wasm` module (workerd refuses to compile wasm from bytes).
    (name = "smart-invite", esModule = "export * from 'smart-invite/lib/workerd.mjs';"),
    (name = "smart-invite/lib/workerd.mjs", esModule = embed "node_modules/smart-invite/lib/workerd.mjs"),
    (name = "smart-invite/lib/wire.mjs", esModule = embed "node_modules/smart-invite/lib/wire.mjs"),
    (name = "smart-invite/lib/tape.mjs", esModule = embed "node_modules/smart-invite/lib/tape.mjs"),
    (name = "smart-invite/lib/client.mjs", esModule = embed "node_modules/smart-invite/lib/client.mjs"),
    (name = "smart-invite/lib/error.mjs", esModule = embed "node_modules/smart-invite/lib/error.mjs"),
    (name = "smart-invite/lib/schema.mjs", esModule = embed "node_modules/smart-invite/lib/schema.mjs"),
    (name = "smart-invite/lib/bulk.mjs", esModule = embed "node_modules/smart-invite/lib/bulk.mjs"),
    (name = "smart-invite/lib/identity.mjs", esModule = embed "node_modules/smart-invite/lib/identity.mjs"),
    (name = "smart-invite/gen/api.mjs", esModule = embed "node_modules/smart-invite/gen/api.mjs"),
    (name = "smart-invite/gen/smart_invite.js", esModule = embed "node_modules/smart-invite/gen/smart_invite.js"),
    (name = "smart-invite/gen/smart_invite_bg.wasm", wasm = embed "node_modules/smart-invite/gen/smart_invite_bg.wasm"),
  ],
);
