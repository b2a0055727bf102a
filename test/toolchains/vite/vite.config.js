// Two pages; nothing here is about credit-checkout (the SSR build adds ssr.noExternal).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const page = (name) => fileURLToPath(new URL(name, import.meta.url));
export default defineConfig({
  build: { rollupOptions: { input: [page("index.html"), page("lazy.html")] } },
});
