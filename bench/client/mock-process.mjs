// Shared by the client benchmarks that measure a client in processes of their own: the mock of
// the API in another process, and the invite they send.

import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const request = JSON.parse(readFileSync(new URL("../../tests/fixtures/seed-request.json", import.meta.url), "utf8"));

/** The seed example of the API page (tests/fixtures/seed-request.json) with a fresh id per
 * request, and without its custom organizer address (which asks for mail forwarding). */
export const seed = (id) => ({ ...request, smart_invite_id: id, organizer: { name: request.organizer.name } });

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
