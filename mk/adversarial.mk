# Hostile inputs just under the 1 MiB limit through every entry point that reads untrusted
# input, timed against JSON.parse of the same text (bench/adversarial/run.mjs). The tests that
# keep these paths linear are tests/linear_time.rs (make test-rust).

BENCH_TARGETS += bench-adversarial

.PHONY: bench-adversarial
bench-adversarial: pkg | npm-deps
	$(call say,adversarial inputs under 1 MiB: ms per call and x JSON.parse of the same text)
	node bench/adversarial/run.mjs
