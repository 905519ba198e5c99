// `smart-invite/mock`: a local mock of the Cronofy Smart Invites API, for tests and demos.
//
//   import { startMockServer } from "smart-invite/mock";
//   const mock = await startMockServer({ clientSecret: "test-secret" });
//   const client = new SmartInviteClient({ clientSecret: "test-secret", baseUrl: mock.url });
//   ...
//   await mock.close();

export { FAULT_NAMES, parseFault, RANDOM_FAULTS } from "./faults.mjs";
export { CRONOFY_RATE_LIMIT } from "./limits.mjs";
export { startMockServer } from "./server.mjs";
export { inviteKey } from "./store.mjs";
