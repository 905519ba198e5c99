// docs/runtimes.md shows every snippet the runtime tests run, verbatim, so what a
// reader copies is what was tested. The snippets live in tests/runtimes/snippets/.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { test } from "node:test";
import { ESBUILD_FLAGS } from "./lib/bundlers.mjs";
import { ROOT } from "./lib/scratch.mjs";

const SNIPPETS = join(ROOT, "tests", "runtimes", "snippets");
const fence = { ".mjs": "js", ".cjs": "js", ".js": "js", ".ts": "ts", ".toml": "toml", ".capnp": "capnp" };

function runtimesSection() {
  const readme = readFileSync(join(ROOT, "docs", "runtimes.md"), "utf8");
  const start = readme.indexOf("<!-- section:runtimes -->");
  assert.notEqual(start, -1, "docs/runtimes.md has no <!-- section:runtimes --> marker");
  // The page is the runtimes section, up to its closing "How it is tested" part.
  const end = readme.indexOf("\n## How it is tested", start);
  return readme.slice(start, end === -1 ? undefined : end);
}

test("docs/runtimes.md shows each snippet verbatim", () => {
  const section = runtimesSection();
  for (const file of readdirSync(SNIPPETS).sort()) {
    const code = readFileSync(join(SNIPPETS, file), "utf8");
    const block = `\`\`\`${fence[extname(file)]}\n${code}\`\`\``;
    assert.ok(
      section.includes(block),
      `docs/runtimes.md must show tests/runtimes/snippets/${file} verbatim as:\n${block}`,
    );
  }
});

test("docs/runtimes.md shows the commands the tests run the snippets with", () => {
  const section = runtimesSection();
  for (const command of [
    `esbuild-app.js ${ESBUILD_FLAGS.join(" ")}`,
    "deno run deno.ts",
    "bun check.ts < invite.json",
  ]) {
    assert.ok(section.includes(command), `docs/runtimes.md must show: ${command}`);
  }
});
