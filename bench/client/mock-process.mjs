// Shared by the client benchmarks that measure a client in processes of their own: the mock of
// the API in another process, and the invite they send.

import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** The seed example of the API page, with a fresh id per request. */
export const seed = (id) => ({
  method: "request",
  recipient: { email: "cronofy@example.com" },
  smart_invite_id: id,
  callback_url: "https://yourapp.example.com/cronofy/smart_invite/notifications",
  event: {
    summary: "Board meeting",
    description: "Discuss plans for the next quarter.",
    start: "2026-04-29T09:30:00Z",
    end: "2026-04-29T10:00:00Z",
    tzid: "Europe/London",
    location: { description: "Board room" },
  },
  organizer: { name: "Smart invite application" },
});

/** The package's mock (`smart-invite-mock`) in a process of its own: `{ url, kill() }`. */
export async function startMockProcess(clientSecret) {
  const cli = fileURLToPath(new URL("../../pkg/mock/cli.mjs", import.meta.url));
  const mock = spawn(process.execPath, [cli, "--port", "0", "--quiet", "--client-secret", clientSecret], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const [line] = await once(mock.stdout, "data");
    return { url: String(line).match(/http:\/\/[\d.]+:\d+/)[0], kill: () => mock.kill() };
  } catch (error) {
    mock.kill();
    throw error;
  }
}
