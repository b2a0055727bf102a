// Nothing about credit-checkout: the app is built by `next build` (Turbopack) as it comes.
import { fileURLToPath } from "node:url";

export default {
  // The app sits inside the repository, whose own lockfile would otherwise be taken as the root.
  turbopack: { root: fileURLToPath(new URL("..", import.meta.url)) },
  outputFileTracingRoot: fileURLToPath(new URL("..", import.meta.url)),
};
