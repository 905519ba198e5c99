# The demo (www/): `make demo` serves the page with the mock of the API and a local SMTP sink,
# all on 127.0.0.1, until Ctrl-C; its tests run the whole page in headless Debian Chromium and its
# main flows in Firefox ESR and WebKitGTK too; its load/keystroke benchmark runs in Chromium.

TEST_TARGETS += test-demo
BENCH_TARGETS += bench-demo

DEMO_PORT ?= 8788

.PHONY: test-demo bench-demo demo-screenshot
demo: pkg | npm-deps
	$(call say,demo: the page + the mock API + the SMTP sink on 127.0.0.1 (Ctrl-C stops them))
	@DEMO_PORT=$(DEMO_PORT) exec node www/server.mjs

test-demo: pkg | npm-deps browsers
	$(call say,demo: DST message, normalized JSON, zone suggestion, send to the mock, signed reply, .ics and email (headless Chromium); DST message, normalized JSON and send (Firefox ESR, WebKitGTK))
	node --test --test-reporter=spec tests/demo/*.test.mjs

bench-demo: pkg | npm-deps chromium
	$(call say,demo: navigation to first validation and one validation per keystroke (headless Chromium))
	node bench/demo/bench.mjs

# The README's opening picture, docs/demo.png (committed; run again when the page changes).
demo-screenshot: pkg | npm-deps chromium
	$(call say,demo: docs/demo.png from headless Chromium)
	node tests/demo/readme-screenshot.mjs
