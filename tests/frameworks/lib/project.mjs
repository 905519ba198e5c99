// The folder the framework apps are built in: inside target/frameworks/, where `make
// test-frameworks` installed the frameworks once (tests/frameworks/package.json), a fresh run
// folder gets the packed tarball installed as a user would, and a copy of each app with the
// runtime smoke suite beside it. Apps resolve smart-invite from the run folder and the
// frameworks from target/frameworks/node_modules.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixturesModule } from "../../runtimes/lib/fixtures.mjs";
import { PKG_DIR, ROOT } from "../../runtimes/lib/scratch.mjs";

export const CACHE = join(ROOT, "target", "frameworks");
const APPS = fileURLToPath(new URL("../", import.meta.url));
const SMOKE = join(ROOT, "tests", "runtimes", "smoke");

/** A tool installed in target/frameworks (next, ...). */
export const frameworkBin = (name) => join(CACHE, "node_modules", ".bin", name);

/**
 * Packs pkg/ and installs the tarball into a new run folder, with the runtime smoke harnesses in
 * its smoke/ (for Node's reference results); `dispose()` removes it.
 */
export function runFolder() {
  if (!existsSync(join(CACHE, "node_modules", ".package-lock.json"))) {
    throw new Error("target/frameworks holds no frameworks: run `make test-frameworks`, which installs them");
  }
  const dir = mkdtempSync(join(CACHE, "run-"));
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], PKG_DIR));
  const dependencies = { "smart-invite": `file:./${packed.filename}` };
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "apps", private: true, dependencies }, null, 2));
  // --prefer-offline: the package has no dependency, so the tarball is all npm installs; what it
  // would need npm's cache may lack comes from the registry, never from the cache alone; no lockfile,
  // so the frameworks' lockfile above stays the one that marks the project root (Turbopack).
  run("npm", ["install", "--prefer-offline", "--no-package-lock", "--no-audit", "--no-fund"], dir);
  addSmoke(dir, ["smoke.mjs", "esm.mjs"]);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies tests/frameworks/<app>/ to <run>/<as>/ with the smoke suite and its fixtures in smoke/. */
export function copyApp(runDir, app, as = app) {
  const dir = join(runDir, as);
  cpSync(join(APPS, app), dir, { recursive: true });
  addSmoke(dir, ["smoke.mjs"]);
  return dir;
}

/** tests/runtimes/smoke/<files> and the fixtures module they import, into <dir>/smoke/. */
function addSmoke(dir, files) {
  for (const file of files) cpSync(join(SMOKE, file), join(dir, "smoke", file));
  writeFileSync(join(dir, "smoke", "fixtures.mjs"), fixturesModule());
}

/**
 * Starts `command args` in `cwd` and waits until `url` answers (any HTTP status); resolves
 * { origin (of `url`), output(), stop() }. Fails with the server's output if it exits or never answers.
 */
export async function startServer(command, args, { cwd, env, url, timeoutMs = 60_000 }) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${command} ${args.join(" ")} exited (${await exited}) before answering:\n${output}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return { origin: new URL(url).origin, output: () => output, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export function run(command, args, cwd, env) {
  return execFileSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 << 20,
  });
}
