// loadCheckout(): the explicit, catchable way to instantiate the engine, shared by every entry.
// The first call starts loading; later calls get the same promise (a failed load may be retried).
import { CheckoutError } from "./checkout-error.js";

/** A WASM_LOAD_FAILED error carrying what failed as its `cause`. */
export function loadFailed(cause) {
  return new CheckoutError([{ code: "WASM_LOAD_FAILED", field: "", message: `${cause?.message ?? cause}` }], { cause });
}

/**
 * `loadCheckout(options)` over one build of the glue. `init({ module_or_path })` is wasm-bindgen's
 * init, which takes a URL, a Response (or a promise of one), bytes or a WebAssembly.Module, and
 * when given none, the .wasm beside the module (a URL relative to the module, which bundlers
 * follow); `fallback()` is the entry's own default source (the Node build's embedded bytes).
 * `exports()` gives the API once the module is instantiated.
 */
export function loader(init, exports, fallback = () => undefined) {
  let loading = null;
  return function loadCheckout(options) {
    loading ??= (async () => {
      try {
        await init({ module_or_path: options?.wasm ?? fallback() });
      } catch (cause) {
        loading = null;
        throw loadFailed(cause);
      }
      return exports();
    })();
    return loading;
  };
}
