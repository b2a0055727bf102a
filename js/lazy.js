// Browser and bundler entry without a top-level await (`credit-checkout/lazy`): nothing is
// fetched until loadCheckout() is called, and a failure (a missing .wasm, a Content Security
// Policy without 'wasm-unsafe-eval') rejects its promise with a CheckoutError (WASM_LOAD_FAILED)
// that the app can catch and show. Shipped as one minified module (scripts/bundle.mjs).
import init, { Engine, about } from "../target/wasm-pack/web/credit_checkout.js";
import { api } from "./checkout.js";
import { CheckoutError } from "./checkout-error.js";
import { loader } from "./load.js";

let loaded = null;
export const loadCheckout = loader(init, () => (loaded ??= { ...api({ Engine, about }), CheckoutError }));
export { CheckoutError };
