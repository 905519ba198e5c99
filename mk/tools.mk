# Tools every area needs, installed when missing. Targets are order-only prerequisites.

NODE_MODULES_STAMP := node_modules/.package-lock.json

.PHONY: npm-deps chromium firefox webkit browsers wasm-bindgen-cli tools
tools: npm-deps browsers wasm-bindgen-cli

npm-deps: $(NODE_MODULES_STAMP)
$(NODE_MODULES_STAMP): package.json package-lock.json
	$(call say,installing npm dev dependencies (npm install at the lockfile's versions))
	@# Not `npm ci`: npm 11.19 writes lockfiles holding only this platform's optional binaries
	@# (deno, workerd) and then its own `npm ci` refuses them as out of sync.
	npm install --no-audit --no-fund
	@touch $@

chromium:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  printf '==> installing Debian chromium and chromium-driver (apt-get)\n'; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

# Firefox ESR, driven by puppeteer-core over WebDriver BiDi (tests/lib/browsers.mjs).
firefox:
	@if ! command -v firefox-esr >/dev/null; then \
	  printf '==> installing Debian firefox-esr (apt-get)\n'; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null; \
	fi

# WebKitGTK's MiniBrowser with its WebDriver, on a virtual display (it has no headless mode).
webkit:
	@if ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null; then \
	  printf '==> installing Debian webkit2gtk-driver (WebKitGTK, its MiniBrowser and WebKitWebDriver) and xvfb (apt-get)\n'; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq webkit2gtk-driver xvfb >/dev/null; \
	fi

# The three engines the browser tests run in.
browsers: chromium firefox webkit

wasm-bindgen-cli:
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  printf '==> installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (cargo install, about 4 minutes)\n'; \
	  $(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi
