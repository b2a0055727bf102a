// Browser and bundler entry: loads the WebAssembly module once (top-level await), then exports
// the API. Shipped as one minified module with the web glue and ./checkout.js bundled in
// (scripts/bundle.mjs; the glue is wasm-pack's output, see scripts/build-pkg.sh), so a browser
// fetches one module, then the .wasm beside it. Vite and webpack 5 emit the .wasm file they find
// through `new URL(..., import.meta.url)` in the glue.
import init, { Engine, about } from "../target/wasm-pack/web/credit_checkout.js";
import { api } from "./checkout.js";
import { CheckoutError } from "./checkout-error.js";

await init();

// Only what api() uses: a namespace object would keep every export of the glue in the bundle.
export const { Checkout, version } = api({ Engine, about });
export { CheckoutError };
