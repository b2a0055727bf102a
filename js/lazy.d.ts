// `credit-checkout/lazy`: loadCheckout() and CheckoutError, with every type; no top-level await.
export { loadCheckout, CheckoutError } from "./index.js";
export type * from "./index.js";
