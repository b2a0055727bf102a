// esbuild, format esm: the lazy entry, with the .wasm copied beside the bundle.
import { loadCheckout } from "credit-checkout/lazy";
import { order } from "./order.js";

const { Checkout } = await loadCheckout();
document.querySelector("#quote").textContent = new Checkout().quote(order).display.total;
