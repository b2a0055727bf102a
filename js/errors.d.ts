// `credit-checkout/errors`: CheckoutError and every type, without the engine.
export { CheckoutError } from "./index.js";
export type * from "./index.js";
