# The npm package in pkg/: three builds of the one crate, each with its wasm-bindgen glue and
# wasm-opt; the generated re-export lists; then its tests and benchmarks. Generated files go to
# pkg/gen/ (git-ignored):
#  - the browser build, pkg/gen/browser/: what a page downloads, built for size;
#  - the full build, pkg/gen/: everything, built for speed, for Node, Bun, Deno and workerd
#    (its .wasm also embedded in JavaScript for bundles);
#  - the core build, pkg/gen/core/: the validator alone (no optional feature), built
#    for speed, which Node and Bun instantiate at import; they load the full build on the
#    first use of the client, the callbacks or the email (docs/package.md has the figures).

TEST_TARGETS += test-pkg
BENCH_TARGETS += bench-pkg

PKG_GEN := pkg/gen
PKG_BROWSER_GEN := $(PKG_GEN)/browser
PKG_CORE_GEN := $(PKG_GEN)/core
# Both release builds rebuild the standard library with panics as plain traps (-Zbuild-std,
# panic = "immediate-abort"); the browser build also rebuilds it for size (optimize_for_size):
# 21 KB less gzip, 16 KB less brotli (bench/size). These are nightly options, which
# RUSTC_BOOTSTRAP lets the stable toolchain take, and they need rust-src; a toolchain that
# refuses them gets the ordinary build. Each build has its own target directory, so that
# neither they nor the ordinary builds are redone each time.
BUILD_STD := -Zbuild-std=std,panic_abort -Zpanic-immediate-abort --config 'profile.release.panic="immediate-abort"'
PKG_BROWSER_TARGET_DIR := target/pkg-browser
PKG_SERVER_TARGET_DIR := target/pkg-server
# The browser build has no optional feature: the client, callbacks, calendar and email are in
# the full build, which a page loads with initFull() (22 KB gzip more for the calendar alone,
# measured: docs/package.md).
PKG_BROWSER_CARGO := -Zbuild-std-features=optimize_for_size --no-default-features
PKG_SERVER_CARGO :=
# The core has the browser build's features at the full build's speed. It has a target
# directory of its own: in a shared one, the two feature sets write the same .wasm and each
# build redoes the other.
PKG_CORE_CARGO := --no-default-features --features perf-values
PKG_CORE_TARGET_DIR := target/pkg-core
# rustc's opt-level: "z" (Cargo.toml's release profile) for the browser; 3 for the server.
PKG_SERVER_OPT_LEVEL := 3
WASM_OPT := node_modules/.bin/wasm-opt
# Measured (docs/package.md): -Oz shrinks the code section; skipping memory-packing kept the
# zero runs of chrono-tz's zone tables in place (8% less gzip); with our own it changes nothing.
PKG_BROWSER_WASM_OPT := -Oz --skip-pass=memory-packing
PKG_SERVER_WASM_OPT := -O3 --skip-pass=memory-packing
WASM_BINDGEN_FLAGS := --no-typescript --remove-name-section --remove-producers-section
# The wasm-bindgen test runner, for Node and (WASM_BINDGEN_USE_BROWSER=1) headless Chromium.
WASM_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver

.PHONY: pkg pkg-wasm test-pkg bench-pkg rust-src
rust-src:
	@rustup component list --installed | grep -qx rust-src || { \
	  printf '==> installing the standard library sources (rustup component add rust-src)\n'; \
	  rustup component add rust-src || true; }

# $(call release_wasm,NAME,TARGET_DIR,EXTRA_CARGO_FLAGS,ENV): the release .wasm of the crate.
define release_wasm
	$(call say,pkg: the $(1) build: cargo build --release --target wasm32-unknown-unknown -Zbuild-std $(3))
	@$(4) RUSTC_BOOTSTRAP=1 $(CARGO) build --release --lib --target wasm32-unknown-unknown --target-dir $(2) \
	  $(BUILD_STD) $(3) || { \
	  printf '==> pkg: this toolchain refused -Zbuild-std: the ordinary build (21 KB more gzip)\n'; \
	  $(4) $(CARGO) build --release --lib --target wasm32-unknown-unknown --target-dir $(2); }
endef

# $(call bindgen,RAW_WASM,OUT_DIR,WASM_OPT_FLAGS): wasm-bindgen's web ESM glue + the .wasm into
# OUT_DIR, then wasm-opt. Every entry, Node's included, loads this one glue.
define bindgen
	@if [ ! -f $(2)/smart_invite_bg.wasm ] || [ $(1) -nt $(2)/smart_invite_bg.wasm ] || [ mk/pkg.mk -nt $(2)/smart_invite_bg.wasm ]; then \
	  printf '==> pkg: wasm-bindgen into $(2), wasm-opt $(3)\n'; \
	  mkdir -p $(2) && rm -rf $(2)/smart_invite*; \
	  wasm-bindgen --target web $(WASM_BINDGEN_FLAGS) --out-dir $(2) $(1); \
	  $(WASM_OPT) $(3) $(2)/smart_invite_bg.wasm -o $(2)/smart_invite_bg.wasm; \
	fi
endef

pkg-wasm: | wasm-target rust-src wasm-bindgen-cli npm-deps
	$(call release_wasm,browser,$(PKG_BROWSER_TARGET_DIR),$(PKG_BROWSER_CARGO),)
	$(call bindgen,$(PKG_BROWSER_TARGET_DIR)/wasm32-unknown-unknown/release/smart_invite.wasm,$(PKG_BROWSER_GEN),$(PKG_BROWSER_WASM_OPT))
	$(call release_wasm,full,$(PKG_SERVER_TARGET_DIR),$(PKG_SERVER_CARGO),CARGO_PROFILE_RELEASE_OPT_LEVEL=$(PKG_SERVER_OPT_LEVEL))
	$(call bindgen,$(PKG_SERVER_TARGET_DIR)/wasm32-unknown-unknown/release/smart_invite.wasm,$(PKG_GEN),$(PKG_SERVER_WASM_OPT))
	$(call release_wasm,core,$(PKG_CORE_TARGET_DIR),$(PKG_CORE_CARGO),CARGO_PROFILE_RELEASE_OPT_LEVEL=$(PKG_SERVER_OPT_LEVEL))
	$(call bindgen,$(PKG_CORE_TARGET_DIR)/wasm32-unknown-unknown/release/smart_invite.wasm,$(PKG_CORE_GEN),$(PKG_SERVER_WASM_OPT))

pkg: pkg-wasm
	$(call say,pkg: the core's definitions for JS (issue keys, limits, methods, JSON Schemas): cargo run --features schema --example definitions)
	$(CARGO) run --quiet --features schema --example definitions > $(PKG_GEN)/definitions.json
	$(call say,pkg: re-export lists; the embedded .wasm for bundles; the bundled entries; require() entries and CommonJS types; the CLI's progress bar; README and licenses)
	node pkg/scripts/build.mjs

# The wasm-bindgen-test suites (tests/wasm/) in Node then headless Chromium; then the packed
# tarball used as a user would and the fast-check properties (tests/package/).
test-pkg: pkg | npm-deps browsers
	$(call say,test-pkg: wasm-bindgen-test suites in Node)
	$(WASM_TEST_ENV) $(CARGO) test --lib --target wasm32-unknown-unknown
	$(call say,test-pkg: wasm-bindgen-test suites in headless Chromium)
	$(WASM_TEST_ENV) WASM_BINDGEN_USE_BROWSER=1 $(CARGO) test --lib --target wasm32-unknown-unknown
	$(call say,test-pkg: npm pack + install into a scratch project: Node ESM and CJS / tsc --strict / Chromium, Firefox and WebKit; fast-check)
	node --expose-gc --test --test-concurrency=1 tests/package/

# Sizes, validateInvite against zod 4 and a JSON round trip, first call in Node; then the
# opt-level and wasm-opt variants and the JSON-vs-serde-wasm-bindgen boundary (built first);
# then what `npm install` of the tarball brings, beside zod and the cronofy SDK.
bench-pkg: pkg | npm-deps
	$(call say,bench-pkg: building the variants (rustc opt-level z/s/3 x wasm-opt; JSON vs serde-wasm-bindgen))
	bash bench/package/variants.sh
	$(call say,bench-pkg: sizes / per call against zod 4 / first call after import)
	node bench/package/run.mjs
	$(call say,bench-pkg: install footprint (packages and KB) against zod and the cronofy SDK)
	node bench/package/footprint.mjs
