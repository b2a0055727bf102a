# credit-checkout: `make test` runs every test, `make demo` serves the checkout page.
SHELL := /bin/bash
.DEFAULT_GOAL := test

.PHONY: test lint test-native
test: lint test-native

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

test-native:
	cargo test
