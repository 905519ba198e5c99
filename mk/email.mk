# The invite email: nodemailer + a real SMTP server on 127.0.0.1, mailparser and Python's
# standard `email` package reading every message, and property tests (tests/email/).

TEST_TARGETS += test-email

.PHONY: test-email
test-email: pkg | npm-deps
	$(call say,email: request/update/cancel over SMTP on 127.0.0.1, read by mailparser and Python; properties)
	@command -v python3 >/dev/null || { echo "python3 is needed (its standard email package reads the messages)"; exit 1; }
	node --test --test-concurrency=2 tests/email/*.test.mjs
