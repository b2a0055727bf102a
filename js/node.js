// Node entry: the nodejs build of the same crate, loaded synchronously from disk.
import { createRequire } from "node:module";
import { CheckoutError } from "./checkout-error.js";

const glue = createRequire(import.meta.url)("./node/credit_checkout.js");
glue.__setCheckoutErrorClass(CheckoutError);

export const { Checkout, version } = glue;
export { CheckoutError };
