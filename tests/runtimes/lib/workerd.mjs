// workerd for the tests: writes a Cap'n Proto config by hand (the way a user lists modules in
// one) and serves it on a free port of 127.0.0.1, reported by workerd itself over --control-fd.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join, posix, relative } from "node:path";
import { exec } from "./run.mjs";
import { bin } from "./scratch.mjs";

export const COMPATIBILITY_DATE = "2025-09-01";

/**
 * A config with one worker served on socket "http".
 * modules: [{ name, type: "esModule" | "wasm" | "data", file or source }] (the first is the main one);
 * bindings: { NAME: "text" }; loopback: route the worker's fetches through a network service
 * that allows "local" addresses (workerd refuses 127.0.0.1 otherwise).
 */
export function workerdConfig({ modules, bindings = {}, loopback = false }) {
  const moduleLines = modules.map(
    ({ name, type, file, source }) => `      (name = ${q(name)}, ${type} = ${file ? `embed ${q(file)}` : q(source)}),`,
  );
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

/**
 * The modules a hand-written config lists for the package: every file the `workerd` entry
 * imports, named "smart-invite/<path in the package>" (workerd resolves relative imports
 * against module names, and refuses names that climb above the root), and a one-line module
 * named "smart-invite" that re-exports the entry, so a worker imports the bare name.
 */
export function packageModules(dir) {
  const pkgDir = join(dir, "node_modules", "smart-invite");
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const entry = resolveCondition(manifest.exports["."], ["workerd", "worker", "browser", "import", "default"]);
  assert.ok(entry, "no `workerd` (or worker/browser/import/default) condition in exports['.']");
  const modules = [
    { name: "smart-invite", type: "esModule", source: `export * from "smart-invite/${posix.normalize(entry)}";` },
  ];
  const queue = [posix.normalize(entry)];
  const seen = new Set(queue);
  for (let path = queue.shift(); path; path = queue.shift()) {
    const type = extname(path) === ".wasm" ? "wasm" : "esModule";
    modules.push({ name: `smart-invite/${path}`, type, file: relative(dir, join(pkgDir, path)) });
    if (type !== "esModule") continue;
    // Comments dropped first: a doc example may show an import that the code does not make.
    const source = readFileSync(join(pkgDir, path), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    for (const [, , specifier] of source.matchAll(/\b(import|from)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = posix.normalize(posix.join(posix.dirname(path), specifier));
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return modules;
}

function resolveCondition(target, conditions) {
  if (typeof target === "string") return target;
  if (!target || typeof target !== "object") return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (condition === "types") continue;
    if (conditions.includes(condition)) {
      const found = resolveCondition(value, conditions);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Bundles with `wrangler deploy --dry-run --outdir` (the config's `main` and its imports) and
 * returns the output as modules for workerdConfig, main module first.
 */
export async function wranglerBuild(dir, config, outdir) {
  // wrangler's bin refuses Node < 22.12; its CLI itself bundles fine on Node 20, so call it directly.
  const cli = join(dirname(dirname(bin("wrangler"))), "wrangler", "wrangler-dist", "cli.js");
  // An absolute --outdir: wrangler resolves a relative one against the config's folder.
  const args = [cli, "deploy", "--dry-run", "--config", config, "--outdir", join(dir, outdir)];
  const env = { WRANGLER_SEND_METRICS: "false", CI: "1", NO_UPDATE_NOTIFIER: "1" };
  const result = await exec(process.execPath, args, { cwd: dir, env, timeoutMs: 120_000 });
  assert.equal(result.code, 0, `wrangler failed:\n${result.stdout}\n${result.stderr}`);
  const files = readdirSync(join(dir, outdir)).filter((f) => /\.(m?js|wasm)$/.test(f));
  files.sort((a, b) => Number(b.endsWith("js")) - Number(a.endsWith("js")) || a.localeCompare(b));
  return files.map((f) => ({
    name: f,
    type: f.endsWith(".wasm") ? "wasm" : "esModule",
    file: posix.join(outdir, f),
  }));
}
