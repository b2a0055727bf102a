// Bundles the package's browser entry into one minified ES module (rolldown, which Vite already
// brings): js/index.js with the wasm-bindgen web glue, checkout.js and checkout-error.js. A
// browser discovers a module's imports only once it has arrived, so four modules cost one more
// serial round of fetches than one; one module also compresses smaller. The top-level await
// stays, and so does the glue's `new URL("credit_checkout_bg.wasm", import.meta.url)`, now
// relative to the bundle (the .wasm ships beside it): bundlers such as Vite follow it to emit the
// file. Usage: node scripts/bundle.mjs ENTRY OUT
import { readFileSync } from "node:fs";
import { rolldown } from "rolldown";

const [entry, out] = process.argv.slice(2);
const bundle = await rolldown({
  input: entry,
  platform: "browser",
  onLog(level, log) {
    console.error(`${out}: ${log.message}`);
    if (level === "warn") process.exitCode = 1;
  },
});
await bundle.write({ file: out, format: "esm", minify: true });
await bundle.close();
// The minifier writes the literal with backticks, which Vite reads as well.
if (!/new URL\(["'`]credit_checkout_bg\.wasm["'`],\s*import\.meta\.url\)/.test(readFileSync(out, "utf8"))) {
  console.error(`${out}: the glue's new URL("credit_checkout_bg.wasm", import.meta.url) did not survive`);
  process.exit(1);
}
