// The nesting limit at its boundary, through validateInvite of the built package: an invite
// nested 127 levels deep (the invite object itself is level 1) is read, one nested 128 deep is
// refused with errors.invalid_json at the empty path, never a crash. The same holds for JSON
// text and for an object already parsed, for arrays and objects alike.

import assert from "node:assert/strict";
import { test } from "node:test";
import { validateInvite } from "../../pkg/gen/node.mjs";
import { seed } from "./scratch.mjs";

const DEEPEST = 127; // docs/core.md: "nested at most 127 levels deep"

/** The seed invite with an unknown field `extra` that takes the whole payload to `depth`
 * levels: the invite object, then depth - 1 arrays or objects inside one another. */
function nested(depth, kind) {
  let value = kind === "array" ? [] : {};
  for (let level = 2; level < depth; level++) value = kind === "array" ? [value] : { a: value };
  return { ...seed, extra: value };
}

/** The depth of a JSON value as a reader counts it (containers inside one another). */
function depthOf(value) {
  let depth = 0;
  for (let node = value; node !== null && typeof node === "object"; depth++) {
    node = Array.isArray(node) ? node[0] : (node.extra ?? node.a);
  }
  return depth;
}

for (const kind of ["array", "object"]) {
  for (const [form, input] of [
    ["JSON text", (value) => JSON.stringify(value)],
    ["a parsed object", (value) => value],
  ]) {
    test(`${form}, ${kind}s: ${DEEPEST} levels are read, ${DEEPEST + 1} refused`, () => {
      const deepest = nested(DEEPEST, kind);
      assert.equal(depthOf(deepest), DEEPEST);
      const read = validateInvite(input(deepest));
      assert.equal(read.ok, true, JSON.stringify(read.errors));
      // The field is unknown: warned about and dropped, so the limit is the reader's, not a rule's.
      assert.equal(read.warnings.extra[0].key, "warnings.unknown_field");
      assert.equal(read.invite.extra, undefined);

      const tooDeep = nested(DEEPEST + 1, kind);
      assert.equal(depthOf(tooDeep), DEEPEST + 1);
      const refused = validateInvite(input(tooDeep));
      assert.equal(refused.ok, false);
      assert.deepEqual(Object.keys(refused.errors), [""]);
      assert.equal(refused.errors[""].length, 1);
      assert.equal(refused.errors[""][0].key, "errors.invalid_json");
      assert.equal(refused.errors[""][0].description, `The invite is nested more than ${DEEPEST} levels deep.`);
    });
  }
}

test("far deeper input is refused the same way, without exhausting the stack", () => {
  for (const depth of [1_000, 100_000]) {
    const text = `{"smart_invite_id":"x","extra":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const refused = validateInvite(text);
    assert.equal(refused.errors[""][0].key, "errors.invalid_json", `depth ${depth}`);
  }
});
