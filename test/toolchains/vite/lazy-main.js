// credit-checkout/lazy: the load is a promise the page catches (a CSP without 'wasm-unsafe-eval').
import { loadCheckout } from "credit-checkout/lazy";
import { order } from "./order.js";

const out = document.querySelector("#quote");
loadCheckout().then(
  ({ Checkout }) => (out.textContent = new Checkout().quote(order).display.total),
  (e) => (out.textContent = `${e.name} ${e.code}`),
);
