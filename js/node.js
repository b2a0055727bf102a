// Node entry (`node` export condition), bundled by scripts/bundle.mjs into node.cjs (CommonJS, for
// `require`) that node.js re-exports for `import`: one copy of the engine whichever way it is
// loaded. The Wasm module travels inside it, brotli-compressed (smaller than the .wasm file), so
// nothing is looked up on disk: bundlers that rewrite paths or leave files behind (Next.js with
// Turbopack or webpack, Vite SSR with `noExternal`, esbuild --platform=node, Jest) have nothing
// to copy. It is instantiated synchronously the first time it is needed (new Checkout(),
// version(), loadCheckout()); a failure is a CheckoutError (WASM_LOAD_FAILED).
import { Buffer } from "node:buffer";
import { readFile } from "node:fs/promises";
import { brotliDecompressSync } from "node:zlib";
import init, { Engine, about, initSync } from "../target/wasm-pack/web/credit_checkout.js";
import { WASM_BROTLI_BASE64 } from "../target/wasm-pack/wasm-embedded.js";
import { api } from "./checkout.js";
import { CheckoutError } from "./checkout-error.js";
import { loadFailed, loader } from "./load.js";

const embedded = () => brotliDecompressSync(Buffer.from(WASM_BROTLI_BASE64, "base64"));

let instantiated = false;
function ready() {
  if (instantiated) return;
  try {
    initSync({ module: embedded() });
  } catch (cause) {
    throw loadFailed(cause);
  }
  instantiated = true;
}

export const { Checkout, version } = api({
  Engine: class extends Engine {
    constructor() {
      ready();
      super();
    }
  },
  about: () => {
    ready();
    return about();
  },
});

/** Node's fetch reads no file: URLs, so those (and paths) are read from disk. */
async function instantiate({ module_or_path: source }) {
  if (instantiated) return;
  if (typeof source === "string" && !/^[a-z][a-z0-9+.-]+:/i.test(source)) source = await readFile(source);
  else if (source instanceof URL && source.protocol === "file:") source = await readFile(source);
  await init({ module_or_path: source });
  instantiated = true;
}

export const loadCheckout = loader(instantiate, () => ({ Checkout, version, CheckoutError }), embedded);
export { CheckoutError };
