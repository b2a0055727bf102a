#!/usr/bin/env bash
# Builds the npm package `credit-checkout` into pkg/: the crate compiled twice by wasm-pack (web
# target for browsers and bundlers, nodejs target for Node), each .wasm optimized by binaryen's
# wasm-opt -Os (npm package binaryen; here both smaller and faster than -Oz), and the
# hand-written modules of js/. Browsers get index.js, one minified module with the web glue in
# it, and the web build's .wasm beside it; Node gets node.js and node/.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
out=target/wasm-pack
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
          --enable-mutable-globals --enable-reference-types --enable-multivalue)

for target in web nodejs; do
  wasm-pack --quiet build --profile wasm --target "$target" --out-dir "$out/$target" --no-pack
  node_modules/.bin/wasm-opt -Os --strip-debug --strip-producers "${features[@]}" \
    "$out/$target/credit_checkout_bg.wasm" -o "$out/$target/credit_checkout_bg.wasm"
done

rm -rf pkg
mkdir -p pkg/node
cp "$out"/web/credit_checkout_bg.wasm pkg/
cp "$out"/nodejs/credit_checkout.js "$out"/nodejs/credit_checkout_bg.wasm pkg/node/
printf '{ "type": "commonjs" }\n' > pkg/node/package.json
cp js/index.d.ts js/README.md pkg/
cp js/node.js js/checkout.js js/checkout-error.js pkg/
# The readable sources of the bundle are js/ and target/wasm-pack/web/.
node scripts/bundle.mjs js/index.js pkg/index.js
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/package.json > pkg/package.json
echo "pkg/: credit-checkout $version"
