// webpack 5, no configuration for the package: the default entry and its top-level await.
import { Checkout } from "credit-checkout";
import { order } from "./order.js";

const quote = new Checkout().quote(order);
document.querySelector("#quote").textContent = `${quote.display.total} ${quote.credits.totalPerMonth}`;
