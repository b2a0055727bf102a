// The lazy entry in a bundle that does not emit the .wasm (esbuild, Rollup, bun build): the file
// is copied beside the bundle. `?source=` picks what loadCheckout() is handed: nothing (the file
// beside the module), a URL, a Response, bytes or a compiled module.
import { loadCheckout } from "credit-checkout/lazy";
import { order } from "./order.js";

const url = new URL("credit_checkout_bg.wasm", location.href);
const sources = {
  none: async () => undefined,
  url: async () => url.href,
  response: async () => fetch(url),
  bytes: async () => new Uint8Array(await (await fetch(url)).arrayBuffer()),
  module: async () => WebAssembly.compileStreaming(fetch(url)),
};
const source = new URLSearchParams(location.search).get("source") ?? "none";
const { Checkout } = await loadCheckout({ wasm: await sources[source]() });
document.querySelector("#quote").textContent = new Checkout().quote(order).display.total;
