// A real Redis server for one test file: Debian's redis-server on 127.0.0.1, on a free port,
// with nothing written to disk. `make test-scale` installs redis-server when it is missing.

import { spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";

/** A port nobody listens on right now (the kernel's pick). */
async function freePort() {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `redis-server --port P --bind 127.0.0.1 --save '' --appendonly no` and resolves once
 * it accepts connections: `{ port, connection, stop() }`, `connection` being what BullMQ takes.
 */
export async function startRedis() {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    const ready = new Promise((resolve, reject) => {
      const read = (chunk) => {
        output += chunk;
        if (output.includes("Ready to accept connections")) resolve();
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.on("error", (error) =>
        reject(
          new Error(`redis-server could not start (${error.message}): run \`make test-scale\`, which installs it`),
        ),
      );
      child.on("exit", (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
    });
    try {
      await ready;
    } catch (error) {
      // Another process took the port between our pick and redis-server's bind: pick again.
      if (attempt < 3 && /Address already in use/.test(output)) continue;
      throw error;
    }
    child.stdout.removeAllListeners("data");
    child.stderr.removeAllListeners("data");
    child.removeAllListeners("exit");
    // A test or benchmark that fails before stop() must not leave its Redis running.
    const orphan = () => child.kill("SIGKILL");
    process.once("exit", orphan);
    child.once("exit", () => process.removeListener("exit", orphan));
    return {
      port,
      connection: { host: "127.0.0.1", port, maxRetriesPerRequest: null },
      async stop() {
        if (child.exitCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      },
    };
  }
}
