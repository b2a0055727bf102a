// Browser and bundler entry: loads the WebAssembly module once (top-level await), then exports
// the API. Bundlers (Vite, webpack 5, esbuild) pick up the .wasm file through `new URL(...,
// import.meta.url)` in the glue.
import init, { Checkout, version, __setCheckoutErrorClass } from "./web/credit_checkout.js";
import { CheckoutError } from "./checkout-error.js";

await init();
__setCheckoutErrorClass(CheckoutError);

export { Checkout, CheckoutError, version };
