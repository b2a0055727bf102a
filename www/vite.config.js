import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The page lives in www/; the pricing library is the Wasm package `credit-checkout` (../pkg).
export default defineConfig({
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
