# The Rust core: format, lints, native tests, and the release build for wasm32.

TEST_TARGETS += test-rust
BENCH_TARGETS += bench-rust

.PHONY: wasm-target test-rust bench-rust fuzz
wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || { \
	  printf '==> installing the Rust target wasm32-unknown-unknown\n'; \
	  rustup target add wasm32-unknown-unknown; }

test-rust: wasm-target
	$(call say,cargo fmt --check)
	$(CARGO) fmt --check
	$(call say,cargo clippy (host and wasm32))
	$(CARGO) clippy --all-targets --features schema -- -D warnings
	$(CARGO) clippy --lib --target wasm32-unknown-unknown -- -D warnings
	$(call say,cargo doc (no broken or private links))
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --features schema --no-deps --quiet
	$(call say,cargo test (the core natively, with the schemas of the schema feature))
	$(CARGO) test --features schema
	$(call say,release build for wasm32-unknown-unknown)
	$(CARGO) build --release --lib --target wasm32-unknown-unknown

bench-rust:
	$(call say,criterion: validate + normalize the seed example from JSON text)
	$(CARGO) bench --bench validate -- --noplot
	$(call say,instructions per call (callgrind): validate + normalize vs a serde_json::Value parse)
	bash bench/rust-instructions.sh

# A fuzzing session over every parser of untrusted input (not part of `make test`: it runs
# until FUZZ_SECONDS per target). `payloads` takes inputs up to 4 KB as they are; `large`
# repeats a fragment up to ~10,000 times, with a 2 s timeout per input, so that a call whose
# time grows faster than its input is reported like a crash. cargo-fuzz needs nightly flags;
# RUSTC_BOOTSTRAP lets the stable toolchain on these machines accept them.
FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz >/dev/null || { printf '==> installing cargo-fuzz\n'; $(CARGO) install cargo-fuzz; }
	$(call say,fuzzing for $(FUZZ_SECONDS) s (fuzz/fuzz_targets/payloads.rs))
	mkdir -p fuzz/corpus/payloads fuzz/corpus/large
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run payloads corpus/payloads seeds -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096
	$(call say,fuzzing for $(FUZZ_SECONDS) s (fuzz/fuzz_targets/large.rs))
	cd fuzz && RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run large corpus/large -- -max_total_time=$(FUZZ_SECONDS) -max_len=256 -timeout=2
