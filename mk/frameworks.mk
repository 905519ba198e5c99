# Frameworks and deployment: real apps built from the packed package as users build them, with
# nothing about smart-invite in their configuration (tests/frameworks/): a Next.js app with
# Turbopack and with webpack, esbuild bundles for Node run from a folder holding only the
# bundle, SvelteKit and Nuxt; pages opened in headless Chromium. The frameworks are installed
# once into target/frameworks/ (tests/frameworks/package.json and its lockfile) and reused.

TEST_TARGETS += test-frameworks

FRAMEWORKS_DIR := target/frameworks
FRAMEWORKS_STAMP := $(FRAMEWORKS_DIR)/node_modules/.package-lock.json

.PHONY: test-frameworks frameworks
frameworks: $(FRAMEWORKS_STAMP)
$(FRAMEWORKS_STAMP): tests/frameworks/package.json tests/frameworks/package-lock.json
	$(call say,installing the frameworks the tests build apps with (Next.js / SvelteKit / Nuxt) into $(FRAMEWORKS_DIR): npm install at the lockfile's versions)
	@mkdir -p $(FRAMEWORKS_DIR)
	cp tests/frameworks/package.json tests/frameworks/package-lock.json $(FRAMEWORKS_DIR)/
	@# Not `npm ci`, for the reason given in mk/tools.mk.
	cd $(FRAMEWORKS_DIR) && npm install --no-audit --no-fund
	@touch $@

test-frameworks: pkg | npm-deps chromium frameworks
	$(call say,frameworks: Next.js with Turbopack and webpack / esbuild bundles for Node / SvelteKit / Nuxt; pages in headless Chromium)
	NEXT_TELEMETRY_DISABLED=1 NUXT_TELEMETRY_DISABLED=1 node --test --test-concurrency=1 --test-reporter=spec tests/frameworks/*.test.mjs
