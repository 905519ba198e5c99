# The package inside the tools people already use, from the packed tarball and the real npm
# packages (tests/consumers/): inviteSchema as a Standard Schema, react-hook-form in Chromium,
# Firefox and WebKit, a page's Web Worker bundled by webpack and by Vite in the same three, Hono
# and tRPC servers on 127.0.0.1, the JSON Schema under ajv, the response types under
# tsc --strict, and the recipes of README.md and docs/schema.md run exactly as written.

TEST_TARGETS += test-consumers

.PHONY: test-consumers
test-consumers: pkg | npm-deps browsers
	$(call say,consumers: npm pack pkg/ and install the tarball beside react-hook-form and Hono and tRPC and ajv)
	@project=$$(node tests/consumers/lib/project.mjs); trap 'rm -rf "$$(dirname "$$project")"' EXIT; \
	  printf '==> consumers: Standard Schema, react-hook-form and Web Workers in Chromium, Firefox and WebKit, Hono, tRPC, JSON Schema, response types, recipes\n'; \
	  SMART_INVITE_CONSUMERS="$$project" node --test --test-concurrency=2 --test-reporter=spec tests/consumers/*.test.mjs
