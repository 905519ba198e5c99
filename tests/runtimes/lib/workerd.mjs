// workerd for the tests: writes a Cap'n Proto config by hand (the way a user lists modules in
// one) and serves it on a free port of 127.0.0.1, reported by workerd itself over --control-fd.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin } from "./scratch.mjs";

export const COMPATIBILITY_DATE = "2025-09-01";

/**
 * A config with one worker served on socket "http".
 * modules: [{ name, type: "esModule" | "wasm" | "text", file }] (the first is the main module);
 * bindings: { NAME: "text" }; loopback: route the worker's fetches through a network service
 * that allows "local" addresses (workerd refuses 127.0.0.1 otherwise).
 */
export function workerdConfig({ modules, bindings = {}, loopback = false }) {
  const moduleLines = modules.map(({ name, type, file }) => `      (name = ${q(name)}, ${type} = embed ${q(file)}),`);
  const bindingLines = Object.entries(bindings).map(([name, text]) => `      (name = ${q(name)}, text = ${q(text)}),`);
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),${loopback ? '\n    (name = "loopback", network = (allow = ["local"])),' : ""}
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
${moduleLines.join("\n")}
  ],
  bindings = [
${bindingLines.join("\n")}
  ],
  compatibilityDate = ${q(COMPATIBILITY_DATE)},${loopback ? '\n  globalOutbound = "loopback",' : ""}
);
`;
}

const q = (s) => JSON.stringify(s);

/** Writes `config` as `dir/name` and serves it. Resolves { url, stderr(), close() }. */
export function serveWorkerd(dir, name, config, { timeoutMs = 20_000 } = {}) {
  writeFileSync(join(dir, name), config);
  return serveConfigFile(dir, name, { timeoutMs });
}

/** Serves an existing config file (socket "http" moved to a free port). */
export function serveConfigFile(dir, file, { timeoutMs = 20_000, socket = "http" } = {}) {
  const args = ["serve", file, `--socket-addr=${socket}=127.0.0.1:0`, "--control-fd=3"];
  const child = spawn(bin("workerd"), args, { cwd: dir, stdio: ["ignore", "pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stdout.on("data", (d) => (stderr += d));
  child.stderr.on("data", (d) => (stderr += d));
  const close = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      close().then(() => reject(new Error(`workerd ${file}: ${why}\n${stderr}`)));
    };
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs);
    child.on("exit", (code) => fail(`exited with ${code} before listening`));
    let control = "";
    child.stdio[3].on("data", (d) => {
      control += d;
      for (const line of control.split("\n").slice(0, -1)) {
        const message = JSON.parse(line);
        if (message.event === "listen" && message.socket === socket) {
          clearTimeout(timer);
          child.removeAllListeners("exit");
          resolve({ url: `http://127.0.0.1:${message.port}`, stderr: () => stderr, close });
        }
      }
    });
  });
}
