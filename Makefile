# credit-checkout. `make test` runs every test, `make demo` serves the checkout page.
# Both install what they need first (scripts/setup.sh: idempotent, quiet when all is present).
SHELL := /bin/bash
.DEFAULT_GOAL := test
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: test setup lint lint-wasm test-native test-wasm pkg test-node demo clean

test: setup lint test-native lint-wasm test-wasm pkg test-node

setup:
	@scripts/setup.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings

# Runs after test-native: tests/web.rs embeds the native outcomes it writes.
lint-wasm:
	cargo clippy -p credit_checkout --target wasm32-unknown-unknown --all-targets -- -D warnings

# Native unit, vector, property and doc tests, and the backend's; writes
# target/vector-results/native.json.
test-native:
	cargo test --workspace

# Every vector through the Wasm skin in headless Chrome, compared with the native outcomes.
test-wasm:
	wasm-pack test --headless --chrome -- --test web

# The npm package in pkg/ (web and nodejs builds, wasm-opt -Oz).
pkg:
	@scripts/build-pkg.sh

# The packed tarball installed into a fresh project (node:test), and the TypeScript check.
test-node:
	node --test test/node/
	node_modules/.bin/tsc -p test/ts

clean:
	cargo clean
	rm -rf pkg node_modules
