// Browser and bundler entry: loads the WebAssembly module once (top-level await), then exports
// the API. Bundlers (Vite, webpack 5, esbuild) pick up the .wasm file through `new URL(...,
// import.meta.url)` in the glue.
import init, * as glue from "./web/credit_checkout.js";
import { api } from "./checkout.js";
import { CheckoutError } from "./checkout-error.js";

await init();

export const { Checkout, version } = api(glue);
export { CheckoutError };
