# The JavaScript of pkg/, www/, tests/ and bench/: Biome formats and lints it (biome.json).
# `make js-fix` rewrites what Biome can fix by itself.

TEST_TARGETS += test-js

.PHONY: test-js js-fix
test-js: | npm-deps
	$(call say,biome: format and lint of the JavaScript (pkg/ www/ tests/ bench/))
	npx biome ci .

js-fix: | npm-deps
	npx biome check --write .
