// The plainest production build: nothing here is about credit-checkout.
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  context: fileURLToPath(new URL(".", import.meta.url)),
  entry: "./src/index.js",
  output: { path: fileURLToPath(new URL("dist", import.meta.url)), clean: true },
};
