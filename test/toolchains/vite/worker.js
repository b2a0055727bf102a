// A module worker: the handler is set at once, the engine loads behind a promise.
import { loadCheckout } from "credit-checkout/lazy";

const engine = loadCheckout().then(({ Checkout }) => new Checkout());
self.onmessage = async ({ data }) => {
  const checkout = await engine;
  try {
    self.postMessage({ total: checkout.quote(data).total });
  } catch (e) {
    // A CheckoutError crosses as its plain form; the page revives it with CheckoutError.from.
    self.postMessage({ error: e.toJSON() });
  }
};
