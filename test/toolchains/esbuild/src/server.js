// esbuild --platform=node (CommonJS output): the Node entry carries its module, nothing to copy.
import { Checkout, CheckoutError } from "credit-checkout";
import { order } from "./order.js";

const checkout = new Checkout();
let code = "";
try {
  checkout.quote({ ...order, creditPackage: { id: "scale_custom", creditsPerMonth: 102000, months: 3 } });
} catch (e) {
  code = e instanceof CheckoutError ? `${e.code} ${e.problems[0].details.below}` : String(e);
}
console.log(`node ${checkout.quote(order).total} ${code}`);
