# smart-invite: `make demo` runs the demo, `make test` runs every test, `make bench` measures.
# Each target installs what it lacks (the wasm target, the pinned wasm-bindgen CLI, npm
# packages, Chromium) and says what it is doing. Areas keep their targets in mk/*.mk.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

WASM_BINDGEN_VERSION := 0.2.130
CARGO ?= cargo
say = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"

.PHONY: help test bench demo
help:
	@echo "make demo   - build the package and run the demo page against a local mock of the API"
	@echo "make test   - run every test (Rust, WebAssembly, npm package, runtimes, demo)"
	@echo "make bench  - run the benchmarks and print the tables"
	@echo "make pkg    - build the npm package into pkg/"

include mk/*.mk

# Every area adds its test target to TEST_TARGETS and its bench target to BENCH_TARGETS.
test: $(TEST_TARGETS)
	$(call say,all tests passed)

bench: $(BENCH_TARGETS)
