// The consumer project the ecosystem tests run in: the packed tarball installed as a user would
// (tests/package/scratch.mjs), beside the real npm packages a user would add (react-hook-form,
// Hono, tRPC, ajv, ...), linked from the repository's node_modules so nothing comes from a
// registry at test time. Recipes are taken from the Markdown pages as written and run there.
// `node tests/consumers/lib/project.mjs` makes one and prints its folder; the Makefile passes it
// to every test file as SMART_INVITE_CONSUMERS so the package is packed and installed once.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { packAndInstall, root } from "../../package/scratch.mjs";

export { root };

/** The packages the recipes import besides smart-invite (root package.json devDependencies). */
const PACKAGES = [
  "@hono/node-server",
  "@hono/standard-validator",
  "@hookform/resolvers",
  "@standard-schema/spec",
  "@trpc/client",
  "@trpc/server",
  "ajv",
  "ajv-formats",
  "hono",
  "react",
  "react-dom",
  "react-hook-form",
  "typescript",
];

/** The consumer project: SMART_INVITE_CONSUMERS when the Makefile made one, else a new one
 * that `cleanup()` removes. Returns { dir, files, cleanup }. */
export function consumerProject() {
  const given = process.env.SMART_INVITE_CONSUMERS;
  if (given) {
    if (!existsSync(join(given, "node_modules", "smart-invite", "package.json"))) {
      throw new Error(`SMART_INVITE_CONSUMERS=${given} holds no installed smart-invite package`);
    }
    return { dir: given, files: JSON.parse(readFileSync(join(given, "tarball-files.json"), "utf8")), cleanup() {} };
  }
  return makeConsumerProject();
}

export function makeConsumerProject() {
  const scratch = packAndInstall();
  const dir = scratch.project;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  for (const name of PACKAGES) {
    const target = join(dir, "node_modules", name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(root, "node_modules", name), target, "dir");
  }
  writeFileSync(join(dir, "tarball-files.json"), JSON.stringify(scratch.files));
  return { dir, files: scratch.files, cleanup: scratch.cleanup };
}

/** Imports a file of the package installed in the project (`gen/node.mjs`, `mock/index.mjs`). */
export function importInstalled(dir, file) {
  const installed = dirname(createRequire(join(dir, "consumer.cjs")).resolve("smart-invite/package.json"));
  return import(pathToFileURL(join(installed, file)));
}

/**
 * The code blocks of a Markdown page marked `<!-- recipe: NAME -->` on the line before the
 * fence, as a map NAME → code, exactly as the page shows them.
 */
export function recipes(page) {
  const text = readFileSync(join(root, page), "utf8");
  const found = new Map();
  for (const m of text.matchAll(/<!-- recipe: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g)) {
    if (found.has(m[1])) throw new Error(`${page}: two recipes named ${m[1]}`);
    found.set(m[1], m[2]);
  }
  return found;
}

/** Writes the recipe NAME of `page` into the project as the file NAME; returns its path. */
export function writeRecipe(dir, page, name) {
  const code = recipes(page).get(name);
  if (code === undefined) throw new Error(`${page} has no <!-- recipe: ${name} --> block`);
  const file = join(dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
  return file;
}

/**
 * Starts `node file` in `dir` with `env` and resolves once it prints a line matching `ready`
 * (a regular expression with one group, returned as `match`). `stop()` ends it.
 */
export function startProcess(dir, file, { env = {}, ready }) {
  const child = spawn(process.execPath, [file], { cwd: dir, env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  return new Promise((resolve, reject) => {
    // A hang guard with a wide margin: the servers print their line within a second.
    const timer = setTimeout(() => fail(new Error("no ready line within 30 s")), 30_000);
    const fail = (error) => {
      clearTimeout(timer);
      stop();
      error.message += `\nstdout:\n${stdout}\nstderr:\n${stderr}`;
      reject(error);
    };
    child.stdout.on("data", (d) => {
      stdout += d;
      const m = stdout.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve({ match: m[1], stop, output: () => ({ stdout, stderr }) });
      }
    });
    child.on("exit", (code) => fail(new Error(`${file} exited with ${code} before it was ready`)));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(makeConsumerProject().dir);

/** The client secret the tests' mock expects and signs with. */
export const SECRET = "consumer-test-secret";

/**
 * Registers node:test hooks that make the consumer project, import the installed package and
 * start its mock of the API on 127.0.0.1; returns the context they fill:
 * { project, pkg, mock, processes } (processes started with startProcess are stopped after).
 */
export function withMockApi() {
  const context = { processes: [] };
  before(async () => {
    context.project = consumerProject();
    context.pkg = await importInstalled(context.project.dir, "gen/node.mjs");
    const { startMockServer } = await importInstalled(context.project.dir, "mock/index.mjs");
    context.mock = await startMockServer({ clientSecret: SECRET });
  });
  after(async () => {
    for (const p of context.processes) p.stop();
    await context.mock?.close();
    context.project?.cleanup();
  });
  return context;
}
