// `make bench-runtimes`: what the wasm costs in each runtime, beside a bare JSON.parse module.
// - Node (this one and the supported versions in .tools/node), Bun, Deno: the first call after
//   import (module loading and wasm instantiation included), each sample a fresh process;
//   median of RUNS (default 9).
// - workerd: the time per request (HTTP round trip from Node, sequential, keep-alive) to a
//   worker that validates the POSTed seed example, and the first request after startup.
// The package is packed and installed into a scratch project, as in the tests.
// BEFORE_PKG=<another build's pkg/ folder> adds that build as a third column of first calls,
// measured in the same run (its processes alternate with the others): a before/after table.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixtures } from "../../tests/runtimes/lib/fixtures.mjs";
import { exec } from "../../tests/runtimes/lib/run.mjs";
import { bin, makeScratchProject } from "../../tests/runtimes/lib/scratch.mjs";
import { packageModules, serveWorkerd, workerdConfig } from "../../tests/runtimes/lib/workerd.mjs";

const RUNS = Number(process.env.RUNS ?? 9);
const BEFORE_PKG = process.env.BEFORE_PKG;
const REQUESTS = Number(process.env.REQUESTS ?? 500);
const TARGET_MS = 20;

// The supported Node versions that `make node-versions` installed (mk/node.mk), beside this one.
const nodeVersions = ["22", "24", "26"]
  .map((version) => fileURLToPath(new URL(`../../.tools/node/node_modules/node${version}/bin/node`, import.meta.url)))
  .filter((command) => existsSync(command));
const firstCallRuntimes = [
  ...[process.execPath, ...nodeVersions].map((command) => ({
    name: `Node ${execFileSync(command, ["--version"], { encoding: "utf8" }).trim()}`,
    command,
    args: (m) => ["bench/first-call.mjs", m],
  })),
  { name: "Bun", command: bin("bun"), args: (m) => ["bench/first-call.mjs", m] },
  // The package needs no permission in Deno, but a dynamic import() of a specifier held in a
  // variable does: Deno then loads the module at run time instead of before the script starts,
  // so its loading is measured as in Node and Bun.
  {
    name: "Deno",
    command: bin("deno"),
    args: (m) => ["run", "--no-prompt", "--allow-read=.", "bench/first-call.mjs", m],
  },
];
const benchFolder = fileURLToPath(new URL("./", import.meta.url));
/** A scratch project with the package (the one `make pkg` built, or `pkgDir`) and these benchmarks. */
function project(pkgDir) {
  const folder = makeScratchProject(pkgDir);
  cpSync(benchFolder, join(folder, "bench"), { recursive: true });
  return folder;
}
const dir = project();
const beforeDir = BEFORE_PKG ? project(BEFORE_PKG) : undefined;
// What each first-call sample imports, and in which project.
const modules = {
  wasm: { module: "smart-invite", cwd: dir },
  bare: { module: "./bare.mjs", cwd: dir },
  ...(beforeDir && { before: { module: "smart-invite", cwd: beforeDir } }),
};
try {
  const rows = [];
  for (const runtime of firstCallRuntimes) {
    const { wasm, bare, before } = await firstCalls(runtime);
    rows.push([`${runtime.name}: first call after import`, wasm, bare, before]);
  }
  const workerd = await workerdPerRequest();
  rows.push(["workerd: first request after start", workerd.wasm.first, workerd.bare.first]);
  rows.push([`workerd: per request (of ${REQUESTS})`, workerd.wasm.steady, workerd.bare.steady]);
  printTable(rows);
} finally {
  for (const folder of [dir, beforeDir]) if (folder) rmSync(folder, { recursive: true, force: true });
}

// The samples of each module alternate, so all see the same load on a shared machine.

async function firstCalls(runtime) {
  const samples = Object.fromEntries(Object.keys(modules).map((name) => [name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, { module, cwd }] of Object.entries(modules)) {
      const env = { DENO_DIR: join(cwd, ".deno"), DENO_NO_UPDATE_CHECK: "1" };
      const { code, stdout, stderr } = await exec(runtime.command, runtime.args(module), { cwd, env });
      if (code !== 0) throw new Error(`${runtime.name} ${module} (${cwd}) failed:\n${stderr}`);
      samples[name].push(JSON.parse(stdout.trim().split("\n").pop()).ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, summary(values)]));
}

async function workerdPerRequest() {
  const body = JSON.stringify(fixtures.seedRequest);
  const worker = (main, rest) => ({ modules: [{ name: "worker.mjs", type: "esModule", file: main }, ...rest] });
  const configs = {
    wasm: worker("bench/worker.mjs", packageModules(dir)),
    bare: worker("bench/worker-bare.mjs", [{ name: "bare.mjs", type: "esModule", file: "bench/bare.mjs" }]),
  };
  const servers = {};
  try {
    for (const [name, config] of Object.entries(configs)) {
      servers[name] = await serveWorkerd(dir, `bench-${name}.capnp`, workerdConfig(config));
    }
    const times = { wasm: [], bare: [] };
    for (let i = 0; i <= REQUESTS; i++) {
      for (const [name, server] of Object.entries(servers)) {
        const start = performance.now();
        const response = await fetch(server.url, { method: "POST", body });
        if ((await response.text()) !== "ok") throw new Error(`workerd ${name}: ${response.status}`);
        times[name].push(performance.now() - start);
      }
    }
    const split = (t) => ({ first: summary(t.slice(0, 1)), steady: summary(t.slice(1)) });
    return { wasm: split(times.wasm), bare: split(times.bare) };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  }
}

/** Median and minimum: the machine is shared, so the minimum shows the figure without contention. */
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return { median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, min: sorted[0] };
}

function printTable(rows) {
  const ms = ({ median, min }) => (median === min ? median.toFixed(2) : `${median.toFixed(2)} (${min.toFixed(2)})`);
  const beforeColumns = (wasm, before) =>
    !beforeDir ? "" : before ? ` ${ms(before)} | ${(wasm.median / before.median).toFixed(2)}x |` : " | |";
  const lines = [
    `| runtime: measure | smart-invite, ms | bare JSON.parse module, ms | ratio |${beforeDir ? ` ${BEFORE_PKG}, ms | after / before |` : ""}`,
    `|---|---:|---:|---:|${beforeDir ? "---:|---:|" : ""}`,
    ...rows.map(
      ([what, wasm, bare, before]) =>
        `| ${what} | ${ms(wasm)} | ${ms(bare)} | ${(wasm.median / bare.median).toFixed(1)}x |${beforeColumns(wasm, before)}`,
    ),
  ];
  console.log(`\nsmart-invite across runtimes: median (minimum) of ${RUNS} fresh processes per first call\n`);
  console.log(lines.join("\n"));
  const slow = rows.filter(([what, wasm]) => what.includes("first call") && wasm.median > TARGET_MS);
  console.log(
    slow.length
      ? `\nover the ${TARGET_MS} ms target: ${slow.map((r) => r[0]).join(", ")}`
      : `\nevery first call is under the ${TARGET_MS} ms target`,
  );
}
