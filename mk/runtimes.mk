# Every JavaScript runtime from one package: the smoke suite (tests/runtimes/) in Node ESM and
# CJS, Bun, Deno, workerd (hand-written config and wrangler's bundle) and Chromium (esbuild and
# Vite builds), all from the packed tarball installed into one scratch project; and the
# first-call / per-request benchmark beside a bare JSON.parse module (bench/runtimes/).

TEST_TARGETS += test-runtimes
BENCH_TARGETS += bench-runtimes

.PHONY: test-runtimes bench-runtimes
test-runtimes: pkg | npm-deps chromium
	$(call say,runtimes: npm pack pkg/ and install the tarball into a scratch project)
	@scratch=$$(node tests/runtimes/lib/scratch.mjs); trap 'rm -rf "$$scratch"' EXIT; \
	  printf '==> runtimes: smoke suite in Node, Bun, Deno, workerd and Chromium, README snippets\n'; \
	  SMART_INVITE_SCRATCH="$$scratch" node --test --test-concurrency=2 --test-reporter=spec tests/runtimes/*.test.mjs

bench-runtimes: pkg | npm-deps node-versions
	$(call say,runtimes: first call after import (Node, Bun, Deno) and per request (workerd) vs bare JSON.parse)
	node bench/runtimes/run.mjs
