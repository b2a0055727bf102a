# credit-checkout. `make test` runs every test, `make demo` serves the checkout page.
# Both install what they need first (scripts/setup.sh: idempotent, quiet when all is present).
SHELL := /bin/bash
.DEFAULT_GOAL := test
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: test setup lint lint-wasm test-native test-wasm pkg test-node test-toolchains www server test-e2e demo fuzz bench clean

test: setup lint test-native lint-wasm test-wasm pkg test-node test-toolchains www server test-e2e

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

# The npm package in pkg/ (web and nodejs builds, wasm-opt -Os).
pkg:
	@scripts/build-pkg.sh

# The packed tarball installed into a fresh project (vectors, CheckoutError, Intl), the bad-input
# matrix and the 10,000-order determinism check in Node (node:test), and the TypeScript check.
test-node:
	node --test test/node/
	node_modules/.bin/tsc -p test/ts
	node_modules/.bin/tsc -p test/ts/tsconfig.disposable.json

# The packed tarball in the toolchains of its README, each building a small app that renders a
# quote in headless Chromium or in Node: Vite (with a module worker, a CSP, SSR), webpack 5,
# Next.js (Turbopack), esbuild, Node ESM and CommonJS, TypeScript; publint and attw. The tools
# install from test/toolchains/package-lock.json, again only when it changes.
test-toolchains:
	node --test --test-concurrency=1 test/toolchains/toolchains.test.mjs

# The checkout page, built by Vite against the package installed from pkg/ like a customer's.
www: pkg
	cd www && npm ci --install-links --no-audit --no-fund --loglevel=error
	node_modules/.bin/vite build www --logLevel warn

server:
	cargo build -p credit-checkout-server

# The page in headless Chromium against the backend (playwright-core), screenshots in
# test-output/; the matrix and the determinism check in Chrome without a bundler.
test-e2e: www server
	node --test --test-concurrency=1 test/e2e/

# Builds everything and serves the page with the embedded default catalog and the demo accounts;
# the demo clock (POST /api/demo/clock) can move the date forward to watch a renewal happen.
demo: setup pkg www
	cargo build --release -p credit-checkout-server
	target/release/credit-checkout-server --port 8080 --data-dir data --www www/dist --demo-clock

# Budgets (never checked by the tests): bundle size, JS API latency in Node and Chrome against a
# decimal.js peer, instantiation, native throughput (criterion), the page (first preview on a cold
# cache, a control change, the bytes of a cold load) and the backend under load (bench/server.sh:
# requests a second, p50, p99 at 1, 64 and 256 connections). Prints the tables, writes
# target/bench.json and target/bench-server.json. Then orders a
# second at 64 connections on each store (bench/store.sh: SQLite, and two instances on PostgreSQL).
bench: setup pkg www server
	cargo build --release -p credit-checkout-server
	cargo bench --bench quote -- --warm-up-time 2 --measurement-time 5
	@fail=0; node bench/run.mjs || fail=1; bench/server.sh || fail=1; bench/store.sh || fail=1; \
	  [ $$fail = 0 ] || echo "make bench: a figure is over budget (above)" >&2; exit $$fail

# Fuzzing (cargo-fuzz, nightly): arbitrary orders and catalogs through every public call.
# FUZZ_SECONDS=600 make fuzz; a crash lands in fuzz/artifacts/checkout/ and becomes a vector.
FUZZ_SECONDS ?= 600
fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	node scripts/fuzz-corpus.mjs
	cargo +nightly fuzz run checkout -- -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/checkout.dict -print_final_stats=1

clean:
	cargo clean
	rm -rf pkg node_modules www/node_modules www/dist data test-output test/toolchains/node_modules
