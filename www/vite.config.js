import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * A preload of the .wasm in the page's head: the package fetches it only once its module has
 * loaded and run, one round trip after the page; preloaded, it arrives with the module (the
 * package's fetch, same origin and credentials, takes the preloaded response).
 */
function preloadWasm() {
  let base = "/";
  return {
    name: "preload-wasm",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        return Object.keys(ctx.bundle ?? {})
          .filter((file) => file.endsWith(".wasm"))
          .map((file) => ({
            tag: "link",
            attrs: { rel: "preload", href: `${base}${file}`, as: "fetch", type: "application/wasm", crossorigin: "" },
            injectTo: "head",
          }));
      },
    },
  };
}

// The page lives in www/; the pricing library is the Wasm package `credit-checkout` (../pkg).
export default defineConfig({
  plugins: [preloadWasm()],
  root: fileURLToPath(new URL(".", import.meta.url)),
  build: {
    target: "es2022", // the package's browser entry uses a top-level await
    outDir: "dist",
    emptyOutDir: true,
  },
  // Serve the package as is, so its .wasm file stays beside the module that loads it.
  optimizeDeps: { exclude: ["credit-checkout"] },
  // The backend serves only its own Host and takes unsafe requests only from its own origin:
  // the dev server's proxy speaks as the page served by the backend would.
  server: {
    proxy: {
      "/api": {
        target: "http://127.0.0.1:8080",
        changeOrigin: true,
        headers: { Origin: "http://127.0.0.1:8080" },
      },
    },
  },
});
