import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { defineConfig } from "vite";

/**
 * Preloads in the page's head, after its module and style sheet: the .wasm, which the package
 * fetches only once its module has loaded and run, one round trip after the page; and the
 * catalog and the account, which the page asks for as its module starts (first-requests.js),
 * after the whole module has been parsed. Preloaded, they arrive with the module: a fetch of the
 * same URL, mode and credentials takes the preloaded response.
 */
function preloads() {
  let base = "/";
  return {
    name: "preloads",
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
          }))
          .concat(
            ["/api/catalog", "/api/account"].map((href) => ({
              tag: "link",
              attrs: { rel: "preload", href, as: "fetch", crossorigin: "" },
              injectTo: "head",
            })),
          );
      },
    },
  };
}

/**
 * Every file of the build that compresses, also as `.br` and `.gz` beside it at the best
 * setting: the backend sends those as they are (compressed once here, not on every request, and
 * smaller than a server's quick setting would make them).
 */
function precompress() {
  return {
    name: "precompress",
    apply: "build",
    writeBundle({ dir: outDir }) {
      const walk = (dir) =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
        );
      for (const file of walk(outDir).filter((f) => /\.(html|js|css|wasm|svg|json)$/.test(f))) {
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        const brotli = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length };
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: brotli }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

// The page lives in www/; the pricing library is the Wasm package `credit-checkout` (../pkg).
export default defineConfig({
  plugins: [preloads(), precompress()],
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
