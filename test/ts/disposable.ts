// With `esnext.disposable` in `lib`, a Checkout is Disposable; with DOM, loadCheckout takes a
// Response or a compiled module.
import { Checkout, loadCheckout } from "credit-checkout";

export function total(order: Parameters<Checkout["quote"]>[0]): string {
  using checkout = new Checkout();
  const disposable: Disposable = checkout;
  console.log(disposable);
  return checkout.quote(order).total;
}

export async function fromResponse(): Promise<string> {
  const { Checkout: Loaded } = await loadCheckout({ wasm: fetch("/credit_checkout_bg.wasm") });
  const { version } = await loadCheckout({ wasm: new WebAssembly.Module(new Uint8Array(8)) });
  await loadCheckout({ wasm: new URL("https://example.com/x.wasm") });
  // @ts-expect-error the option is `wasm`
  await loadCheckout({ wasmUrl: "/x.wasm" });
  return new Loaded().catalog.version + version();
}
