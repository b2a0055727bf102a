// Browser and bundler entry: loads the WebAssembly module once (top-level await), then exports
// the API. Shipped as one minified module with the web glue and ./checkout.js bundled in
// (scripts/bundle.mjs; the glue is wasm-pack's output, see scripts/build-pkg.sh), so a browser
// fetches one module, then the .wasm beside it. Vite and webpack 5 emit the .wasm file they find
// through `new URL(..., import.meta.url)` in the glue. A failed load rejects the import with a
// CheckoutError (WASM_LOAD_FAILED); `credit-checkout/lazy` lets an app catch it where it wants.
import init, { Engine, about } from "../target/wasm-pack/web/credit_checkout.js";
import { api } from "./checkout.js";
import { CheckoutError } from "./checkout-error.js";
import { loadFailed } from "./load.js";

try {
  await init({});
} catch (cause) {
  throw loadFailed(cause);
}

// Only what api() uses: a namespace object would keep every export of the glue in the bundle.
const checkout = { ...api({ Engine, about }), CheckoutError };
export const { Checkout, version } = checkout;
/** Here the module is loaded already: the same API, at once (`options` play no part). */
export const loadCheckout = async () => checkout;
export { CheckoutError };
