// The default entry (top-level await), and a module worker asked at once.
import { Checkout, CheckoutError } from "credit-checkout";
import { order } from "./order.js";

const quote = new Checkout().quote(order);
document.querySelector("#quote").textContent = `${quote.display.total} ${quote.credits.totalPerMonth}`;

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => {
  if (data.total) document.querySelector("#worker").textContent = data.total;
  if (data.error) {
    const error = CheckoutError.from(data.error);
    document.querySelector("#worker-error").textContent = `${error instanceof CheckoutError} ${error.code} ${error.field}`;
  }
};
// Posted before the worker has loaded anything: the first message must still be answered.
worker.postMessage(order);
worker.postMessage({ ...order, payment: { method: "card", installments: 13 } });
