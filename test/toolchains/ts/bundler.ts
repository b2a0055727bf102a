// moduleResolution bundler, with DOM and esnext.disposable: `using`, and loadCheckout's sources.
import { Checkout, loadCheckout } from "credit-checkout";

export async function run(): Promise<string> {
  using checkout = new Checkout();
  const { version } = await loadCheckout({ wasm: fetch("/credit_checkout_bg.wasm") });
  return checkout.catalog.version + version();
}
