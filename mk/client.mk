# The API client, the callback helpers and the mock of the API: their Node tests (against the
# mock on 127.0.0.1) and the overhead benchmark against the official cronofy SDK.

TEST_TARGETS += test-client
BENCH_TARGETS += bench-client

.PHONY: test-client bench-client
test-client: pkg | npm-deps
	$(call say,client: every method, error kind, retry and timeout; the mock and its ICS (ical.js); callbacks; 500 invites under faults)
	node --test tests/client/*.test.mjs

bench-client: pkg | npm-deps
	$(call say,client overhead per request vs the cronofy SDK, both against the mock on 127.0.0.1)
	node bench/client/bench.mjs
	$(call say,client waits: Retry-After, backoff, timeouts, answers at concurrency 1 and 32 (against the mock))
	node bench/client/timing.mjs
	$(call say,client upsertMany of 1000 invites against the mock: time, CPU, validations (--before PKG_DIR compares another build))
	node bench/client/upsert-many.mjs
