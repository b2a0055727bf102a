#!/usr/bin/env bash
# Builds the npm package `credit-checkout` into pkg/: the crate compiled twice by wasm-pack (web
# target for browsers and bundlers, nodejs target for Node), each .wasm optimized by binaryen's
# wasm-opt -Os (npm package binaryen; here both smaller and faster than -Oz), and the
# hand-written modules of js/.
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
mkdir -p pkg/web pkg/node
cp "$out"/web/credit_checkout.js "$out"/web/credit_checkout_bg.wasm pkg/web/
cp "$out"/nodejs/credit_checkout.js "$out"/nodejs/credit_checkout_bg.wasm pkg/node/
printf '{ "type": "commonjs" }\n' > pkg/node/package.json
cp js/index.d.ts js/README.md pkg/
# The modules ship without their comment lines (every comment in js/ takes whole lines): a page
# pays for every byte it downloads. The commented source is js/.
for f in index.js node.js checkout.js checkout-error.js; do
  sed -E '/^[[:space:]]*(\/\/|\/\*|\*)/d' "js/$f" > "pkg/$f"
done
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" js/package.json > pkg/package.json
echo "pkg/: credit-checkout $version"
