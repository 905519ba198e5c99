// One source of truth: the issue keys, the limits, the schemas and the rules live in the Rust
// core, and the package's JS takes them from it at build time (examples/definitions.rs, written to
// pkg/gen/definitions.json by `make pkg`; pkg/scripts/build.mjs's writeDefinitions) or calls the
// core. These tests fail when the hand-written JS, its types or the docs name a key the core
// does not define, state a limit, a field or a schema of their own, or carry a copy of a core
// rule.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { inviteJsonSchema, normalizedInviteJsonSchema } from "../../pkg/lib/json-schema.mjs";
import { root } from "./scratch.mjs";

const definitions = JSON.parse(readFileSync(join(root, "pkg/gen/definitions.json"), "utf8"));

/** The hand-written files of the package: its JS and its declarations, not pkg/gen/. */
function handWritten() {
  const files = ["pkg/index.d.ts"];
  for (const dir of ["pkg/lib", "pkg/mock", "pkg/queue", "pkg/cli", "pkg/types"]) {
    for (const name of readdirSync(join(root, dir))) if (/\.(mjs|d\.ts)$/.test(name)) files.push(`${dir}/${name}`);
  }
  return files;
}
const read = (file) => readFileSync(join(root, file), "utf8");
/** The code of a file without its comments (block comments, and whole-line `//` comments). */
const code = (file) =>
  read(file)
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");

test("the core's definitions are there: every issue key, the limits a schema can state, the methods", () => {
  assert.ok(
    definitions.issueKeys.includes("errors.required") && definitions.issueKeys.includes("warnings.unknown_field"),
  );
  assert.ok(definitions.issueKeys.every((key) => /^(errors|warnings)\.[a-z_]+$/.test(key)));
  assert.deepEqual(definitions.methods, ["request", "cancel", "remove"]);
  for (const value of Object.values(definitions.limits)) assert.ok(Number.isSafeInteger(value) && value > 0);
});

test("every issue key the package's JS, its types, the README and the docs name is one the core defines", () => {
  const known = new Set(definitions.issueKeys);
  const files = [
    ...handWritten(),
    "README.md",
    ...readdirSync(join(root, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  const unknown = [];
  for (const file of files) {
    // A key, not a file name such as docs/errors.png.
    for (const [key] of read(file).matchAll(/(?<![\w/.-])(?:errors|warnings)\.[a-z][a-z_]*[a-z]\b(?!\.)/g)) {
      if (/\.(png|svg|jpe?g|md|json|mjs)$/.test(key)) continue;
      if (!known.has(key)) unknown.push(`${file}: ${key}`);
    }
  }
  assert.deepEqual(unknown, [], "keys the core does not define (src/validate/issues.rs)");
});

test("the Rust core makes up no key outside IssueKey: no key of its own as a constant or an issue's key", () => {
  // IssueKey (src/validate/issues.rs) is where KnownIssueKey comes from; a key written as text
  // elsewhere (as errors.refused once was, in src/client/error.rs) would be missing from it.
  const defined = /(?:const\s+\w+\s*:\s*&(?:'static\s+)?str\s*=\s*|\bkey:\s*)"((?:errors|warnings)\.[a-z_]+)"/g;
  const found = [];
  for (const file of readdirSync(join(root, "src"), { recursive: true })) {
    if (!file.endsWith(".rs") || file === join("validate", "issues.rs")) continue;
    for (const [, key] of code(join("src", file)).matchAll(defined)) found.push(`src/${file}: ${key}`);
  }
  assert.deepEqual(found, [], "use an IssueKey variant instead");
  assert.ok(definitions.issueKeys.includes("errors.refused"), "the client's key for a 400/422 without an error map");
});

test("the types take the issue keys, the payload and the normalized invite from the core: none written by hand", () => {
  const types = code("pkg/types/core.d.ts");
  assert.doesNotMatch(types, /"(errors|warnings)\.[a-z_]+"/, "a key written by hand in pkg/types/core.d.ts");
  assert.doesNotMatch(types, /"request"\s*\|/, "the methods written by hand in pkg/types/core.d.ts");
  assert.doesNotMatch(types, /\b(smart_invite_id|summary|tzid|minutes)\??:/, "a field of the model written by hand");
  assert.match(types, /from "\.\.\/gen\/types\/definitions\.js"/);
  assert.doesNotMatch(code("pkg/types/json-schema.d.ts"), /"draft-/, "a JSON Schema dialect named by hand");
  const generated = read("pkg/gen/types/definitions.d.ts");
  for (const key of definitions.issueKeys) assert.ok(generated.includes(JSON.stringify(key)), key);
  // Every field of every definition of both schemas is a field of the generated types.
  const { payload, invite } = definitions.schemas["draft-07"];
  for (const schema of [payload, invite, ...Object.values(payload.definitions), ...Object.values(invite.definitions)]) {
    for (const [field, rule] of Object.entries(schema.properties ?? {})) {
      const declared = new RegExp(`\\b${field}\\??: ${rule === false ? "never" : ""}`);
      assert.match(generated, declared, `${field} is not in the generated types`);
    }
  }
});

test("the JSON Schemas are the core's: no limit, method, pattern or field of the package's own", () => {
  const source = code("pkg/lib/json-schema.mjs");
  assert.doesNotMatch(source, /\b(maxLength|maxItems|maximum|pattern|properties|required)\b/, "schema written by hand");
  assert.doesNotMatch(source, /"request",\s*"cancel"/, "the methods written by hand");
  for (const target of ["draft-2020-12", "draft-07"]) {
    assert.deepEqual(inviteJsonSchema({ target }), definitions.schemas[target].payload);
    assert.deepEqual(normalizedInviteJsonSchema({ target }), definitions.schemas[target].invite);
  }
  const limits = new Set(Object.values(definitions.limits));
  const stated = [];
  (function walk(node) {
    if (typeof node !== "object" || node === null) return;
    for (const [name, value] of Object.entries(node)) {
      if (/^(maxLength|maxItems|maximum)$/.test(name) && typeof value === "number") stated.push(value);
      walk(value);
    }
  })([inviteJsonSchema(), normalizedInviteJsonSchema()]);
  assert.ok(stated.length >= 5, `the schemas state ${stated.length} limits`);
  for (const value of stated) assert.ok(limits.has(value), `${value} is no limit of the core`);
  const method = inviteJsonSchema().$defs.Method;
  assert.deepEqual(
    method.oneOf.map((choice) => choice.const),
    definitions.methods,
  );
});

test("no copy of a core rule in the package's JS: which hosts are loopback, which methods there are", () => {
  for (const file of handWritten().filter((f) => f.endsWith(".mjs"))) {
    // A pattern of hosts (`localhost|127…|[::1]`); a default such as "127.0.0.1" is no rule.
    assert.doesNotMatch(code(file), /localhost\s*\||\|\s*localhost|::1\\?\]/, `${file} carries its own loopback rule`);
    assert.doesNotMatch(code(file), /"request",\s*"cancel"/, `${file} lists the methods itself`);
  }
});
