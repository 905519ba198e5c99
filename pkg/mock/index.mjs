// `smart-invite/mock`: a local mock of the Cronofy Smart Invites API, for tests and demos.
//
//   import { startMockServer } from "smart-invite/mock";
//   const mock = await startMockServer({ clientSecret: "test-secret" });
//   const client = new SmartInviteClient({ clientSecret: "test-secret", baseUrl: mock.url });
//   ...
//   await mock.close();

export { startMockServer } from "./server.mjs";
export { inviteKey } from "./store.mjs";
export { parseFault, FAULT_NAMES, RANDOM_FAULTS } from "./faults.mjs";
