#!/usr/bin/env bash
# Installs what the build and the tests need, each only when it is missing, from the package
# registries only (crates.io, Debian, npm). Quiet when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
# Must equal the exact wasm-bindgen pin of Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

say() { printf 'setup: %s\n' "$*"; }

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "rustup component add $component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  say "cargo install wasm-pack $WASM_PACK_VERSION (a few minutes, once)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --quiet
fi

# wasm-pack would fetch wasm-bindgen itself; installing the pinned CLI from crates.io first means
# it finds it on PATH and downloads nothing.
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # The CLI's own lockfile may name a dependency version the registry no longer serves; fall back
  # to a fresh resolution within the same semver ranges.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked --quiet 2>/dev/null \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --quiet
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
# PostgreSQL for the backend's tests on its second store (each test run starts its own cluster
# with scripts/pg-cluster.sh; no service is needed).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm dependencies exactly as locked; redone only when the lockfile changes.
stamp=node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
