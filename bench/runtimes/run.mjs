// `make bench-runtimes`: what the wasm costs in each runtime, beside a bare JSON.parse module.
// - Node, Bun, Deno: the first call after import (module loading and wasm instantiation
//   included), each sample a fresh process; median of RUNS (default 9).
// - workerd: the time per request (HTTP round trip from Node, sequential, keep-alive) to a
//   worker that validates the POSTed seed example, and the first request after startup.
// The package is packed and installed into a scratch project, as in the tests.
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { exec } from "../../tests/runtimes/lib/run.mjs";
import { bin, makeScratchProject } from "../../tests/runtimes/lib/scratch.mjs";
import { packageModules, serveWorkerd, workerdConfig } from "../../tests/runtimes/lib/workerd.mjs";
import { fixtures } from "../../tests/runtimes/lib/fixtures.mjs";

const RUNS = Number(process.env.RUNS ?? 9);
const REQUESTS = Number(process.env.REQUESTS ?? 500);
const TARGET_MS = 20;

const firstCallRuntimes = [
  { name: "Node", command: process.execPath, args: (m) => ["bench/first-call.mjs", m] },
  { name: "Bun", command: bin("bun"), args: (m) => ["bench/first-call.mjs", m] },
  // The package needs no permission in Deno, but a dynamic import() of a specifier held in a
  // variable does: Deno then loads the module at run time instead of before the script starts,
  // so its loading is measured as in Node and Bun.
  { name: "Deno", command: bin("deno"), args: (m) => ["run", "--no-prompt", "--allow-read=.", "bench/first-call.mjs", m] },
];
const modules = { wasm: "smart-invite", bare: "./bare.mjs" };

const dir = makeScratchProject();
cpSync(fileURLToPath(new URL("./", import.meta.url)), join(dir, "bench"), { recursive: true });
const env = { DENO_DIR: join(dir, ".deno"), DENO_NO_UPDATE_CHECK: "1" };
try {
  const rows = [];
  for (const runtime of firstCallRuntimes) {
    const wasm = await firstCall(runtime, modules.wasm);
    const bare = await firstCall(runtime, modules.bare);
    rows.push([`${runtime.name}: first call after import`, wasm, bare]);
  }
  const workerd = await workerdPerRequest();
  rows.push(["workerd: first request after start", workerd.wasm.first, workerd.bare.first]);
  rows.push([`workerd: per request (median of ${REQUESTS})`, workerd.wasm.median, workerd.bare.median]);
  printTable(rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function firstCall(runtime, module) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const { code, stdout, stderr } = await exec(runtime.command, runtime.args(module), { cwd: dir, env });
    if (code !== 0) throw new Error(`${runtime.name} ${module} failed:\n${stderr}`);
    samples.push(JSON.parse(stdout.trim().split("\n").pop()).ms);
  }
  return median(samples);
}

async function workerdPerRequest() {
  const body = JSON.stringify(fixtures.seedRequest);
  const worker = (main, rest) => ({ modules: [{ name: "worker.mjs", type: "esModule", file: main }, ...rest] });
  const configs = {
    wasm: worker("bench/worker.mjs", packageModules(dir)),
    bare: worker("bench/worker-bare.mjs", [{ name: "bare.mjs", type: "esModule", file: "bench/bare.mjs" }]),
  };
  const result = {};
  for (const [name, config] of Object.entries(configs)) {
    const server = await serveWorkerd(dir, `bench-${name}.capnp`, workerdConfig(config));
    try {
      const times = [];
      for (let i = 0; i <= REQUESTS; i++) {
        const start = performance.now();
        const response = await fetch(server.url, { method: "POST", body });
        if ((await response.text()) !== "ok") throw new Error(`workerd ${name}: ${response.status}`);
        times.push(performance.now() - start);
      }
      result[name] = { first: times[0], median: median(times.slice(1)) };
    } finally {
      await server.close();
    }
  }
  return result;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function printTable(rows) {
  const lines = [
    "| runtime: measure | smart-invite (ms) | bare JSON.parse module (ms) | ratio |",
    "|---|---:|---:|---:|",
    ...rows.map(([what, wasm, bare]) => `| ${what} | ${wasm.toFixed(2)} | ${bare.toFixed(2)} | ${(wasm / bare).toFixed(1)}x |`),
  ];
  console.log(`\nsmart-invite across runtimes (median of ${RUNS} fresh processes for first calls)\n`);
  console.log(lines.join("\n"));
  const slow = rows.filter(([what, wasm]) => what.includes("first call") && wasm > TARGET_MS);
  console.log(slow.length ? `\nover the ${TARGET_MS} ms target: ${slow.map((r) => r[0]).join(", ")}` : `\nevery first call is under the ${TARGET_MS} ms target`);
}
