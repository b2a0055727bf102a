// Node entry: the nodejs build of the same crate, loaded synchronously from disk.
import { createRequire } from "node:module";
import { api } from "./checkout.js";
import { CheckoutError } from "./checkout-error.js";

const glue = createRequire(import.meta.url)("./node/credit_checkout.js");

export const { Checkout, version } = api(glue);
export { CheckoutError };
