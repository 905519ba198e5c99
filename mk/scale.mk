# Sending at scale: the mock's rate limits, smart-invite/queue (BullMQ) with worker processes
# sharing one limit, upsertMany and the `smart-invite` command line; each test file starts
# its own redis-server on 127.0.0.1 (Debian's, installed here when missing). The benchmark
# measures the queue's overhead per invite against plain BullMQ and the time to drain 2,000
# invites at a limit against the time the limit allows.
TEST_TARGETS += test-scale
BENCH_TARGETS += bench-scale

.PHONY: test-scale bench-scale redis-server

redis-server:
	@command -v redis-server >/dev/null || { \
	  printf '==> installing Debian redis-server (apt-get): the scale tests start their own on 127.0.0.1\n'; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }

# One file at a time: they measure rates, and share two cores with the worker processes.
test-scale: pkg | npm-deps redis-server
	$(call say,scale: the mock's limits; 1000 invites through 3 worker processes under one limit (SIGKILL one); a 429 pauses all; the last change of each invite wins (superseding table, patterns with a SIGKILL, a property test); upsertMany; the CLI interrupted and resumed; the packed package)
	node --test --test-concurrency=1 tests/scale/*.test.mjs

bench-scale: pkg | npm-deps redis-server
	$(call say,scale: queue overhead per invite vs plain BullMQ; drain time of 2000 invites at a limit vs the time it allows)
	node bench/scale/bench.mjs
