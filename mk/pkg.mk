# The npm package in pkg/: the wasm build, the wasm-bindgen glue for browsers (ESM) and Node
# (CommonJS) sharing one .wasm, wasm-opt, the generated re-export lists; then its tests and
# benchmarks. Generated files go to pkg/gen/ (git-ignored).

TEST_TARGETS += test-pkg
BENCH_TARGETS += bench-pkg

PKG_GEN := pkg/gen
# The release .wasm is built with the standard library rebuilt for size and panics as plain
# traps (-Zbuild-std with optimize_for_size, panic = "immediate-abort"): 21 KB less gzip, 16 KB
# less brotli (bench/size). These are nightly options, which RUSTC_BOOTSTRAP lets the stable
# toolchain take, and they need rust-src; a toolchain that refuses them gets the ordinary build.
# In their own target directory, so that the ordinary builds are not redone each time.
PKG_TARGET_DIR := target/build-std
BUILD_STD := -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size -Zpanic-immediate-abort \
  --config 'profile.release.panic="immediate-abort"'
PKG_WASM_RAW := $(PKG_TARGET_DIR)/wasm32-unknown-unknown/release/smart_invite.wasm
PKG_WASM := $(PKG_GEN)/smart_invite_bg.wasm
WASM_OPT := node_modules/.bin/wasm-opt
# Measured (README, "The npm package"): -Oz shrinks the code section; skipping memory-packing
# keeps the zero runs of the zone tables in place, without which the gzip grows by 8%.
WASM_OPT_FLAGS := -Oz --skip-pass=memory-packing
WASM_BINDGEN_FLAGS := --no-typescript --remove-name-section --remove-producers-section
# The wasm-bindgen test runner, for Node and (WASM_BINDGEN_USE_BROWSER=1) headless Chromium.
WASM_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver

.PHONY: pkg test-pkg bench-pkg rust-src
rust-src:
	@rustup component list --installed | grep -qx rust-src || { \
	  printf '==> installing the standard library sources (rustup component add rust-src)\n'; \
	  rustup component add rust-src || true; }

pkg: | wasm-target rust-src wasm-bindgen-cli npm-deps
	$(call say,pkg: cargo build --release --target wasm32-unknown-unknown -Zbuild-std)
	@RUSTC_BOOTSTRAP=1 $(CARGO) build --release --lib --target wasm32-unknown-unknown --target-dir $(PKG_TARGET_DIR) \
	  $(BUILD_STD) || { \
	  printf '==> pkg: this toolchain refused -Zbuild-std: the ordinary build (21 KB more gzip)\n'; \
	  $(CARGO) build --release --lib --target wasm32-unknown-unknown --target-dir $(PKG_TARGET_DIR); }
	@if [ ! -f $(PKG_WASM) ] || [ $(PKG_WASM_RAW) -nt $(PKG_WASM) ] || [ mk/pkg.mk -nt $(PKG_WASM) ]; then \
	  printf '==> pkg: wasm-bindgen (web ESM + nodejs CJS glue, one .wasm), wasm-opt $(WASM_OPT_FLAGS)\n'; \
	  rm -rf $(PKG_GEN) $(PKG_GEN).node && mkdir -p $(PKG_GEN); \
	  wasm-bindgen --target web $(WASM_BINDGEN_FLAGS) --out-dir $(PKG_GEN) $(PKG_WASM_RAW); \
	  wasm-bindgen --target nodejs $(WASM_BINDGEN_FLAGS) --out-dir $(PKG_GEN).node $(PKG_WASM_RAW); \
	  cmp -s $(PKG_GEN)/smart_invite_bg.wasm $(PKG_GEN).node/smart_invite_bg.wasm || { \
	    echo "the web and nodejs targets emitted different .wasm files: one entry cannot share them"; exit 1; }; \
	  mv $(PKG_GEN).node/smart_invite.js $(PKG_GEN)/smart_invite.cjs && rm -rf $(PKG_GEN).node; \
	  $(WASM_OPT) $(WASM_OPT_FLAGS) $(PKG_WASM) -o $(PKG_WASM); \
	fi
	$(call say,pkg: re-export lists and CommonJS copies of the error class and the types)
	node pkg/scripts/build.mjs

# The wasm-bindgen-test suites (tests/wasm/) in Node then headless Chromium; then the packed
# tarball used as a user would and the fast-check properties (tests/package/).
test-pkg: pkg | npm-deps chromium
	$(call say,test-pkg: wasm-bindgen-test suites in Node)
	$(WASM_TEST_ENV) $(CARGO) test --lib --target wasm32-unknown-unknown
	$(call say,test-pkg: wasm-bindgen-test suites in headless Chromium)
	$(WASM_TEST_ENV) WASM_BINDGEN_USE_BROWSER=1 $(CARGO) test --lib --target wasm32-unknown-unknown
	$(call say,test-pkg: npm pack + install into a scratch project: Node ESM and CJS / tsc --strict / Chromium; fast-check)
	node --expose-gc --test --test-concurrency=1 tests/package/

# Sizes, validateInvite against zod 4 and a JSON round trip, first call in Node; then the
# opt-level and wasm-opt variants and the JSON-vs-serde-wasm-bindgen boundary (built first).
bench-pkg: pkg | npm-deps
	$(call say,bench-pkg: building the variants (rustc opt-level z/s/3 x wasm-opt; JSON vs serde-wasm-bindgen))
	bash bench/package/variants.sh
	$(call say,bench-pkg: sizes / per call against zod 4 / first call after import)
	node bench/package/run.mjs
