// Bundles the package's entries with rolldown (which Vite already brings). Usage:
// node scripts/bundle.mjs OUT_DIR (scripts/build-pkg.sh runs it once the glue is built).
//
// - index.js and lazy.js, the browser's entries: each one minified ES module with the
//   wasm-bindgen web glue, checkout.js (with decode.js and money.js) and checkout-error.js in
//   it, and a source map. A browser discovers a module's imports only once it has arrived, so
//   several modules cost one more serial round of fetches than one; one module also compresses
//   smaller. The glue's
//   `new URL("credit_checkout_bg.wasm", import.meta.url)` stays, now relative to the bundle (the
//   .wasm ships beside it): bundlers such as Vite and webpack follow it to emit the file.
// - node.cjs, Node's entry (CommonJS; node.js re-exports it for `import`): the same glue with the
//   Wasm module embedded, and without that URL (it never loads a file of its own).
// - errors.cjs: CheckoutError alone, for `require("credit-checkout/errors")`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rolldown } from "rolldown";

const out = process.argv[2];
const wasmUrl = /new URL\(["'`]credit_checkout_bg\.wasm["'`],\s*import\.meta\.url\)/;

/** Replaces the glue's default URL: the Node build is always handed its source. */
const noDefaultUrl = {
  name: "no-default-wasm-url",
  transform(code, id) {
    if (!id.endsWith("credit_checkout.js")) return null;
    if (!wasmUrl.test(code)) throw new Error(`${id}: the glue's default URL was not found`);
    return code.replace(wasmUrl, "undefined");
  },
};

/** The browser's glue, a little smaller: the package always passes init() an object, so the
 * warning about positional arguments never shows; the one about a server that sends the .wasm
 * with another MIME type and the failed fetch's message (the `cause` of WASM_LOAD_FAILED) are
 * shorter; the engine's own `Symbol.dispose` goes (Checkout has its own). */
const shorterWarnings = {
  name: "shorter-glue-warnings",
  transform(code, id) {
    if (!id.endsWith("credit_checkout.js")) return null;
    const replacements = [
      [/"`WebAssembly\.instantiateStreaming` failed because[^"]*"/, '"serve the .wasm as application/wasm:"'],
      [/console\.warn\('using deprecated parameters for the initialization function; pass a single object instead'\)/, "0"],
      // Checkout frees its engine itself (and is Disposable on its own).
      [/if \(Symbol\.dispose\) Engine\.prototype\[Symbol\.dispose\] = Engine\.prototype\.free;/, ""],
      [/`failed to fetch Wasm: \$\{module\.status\} \$\{module\.statusText\} fetching '\$\{module\.url\}'`/, "`${module.status} ${module.url}`"],
    ];
    for (const [pattern, replacement] of replacements) {
      if (!pattern.test(code)) throw new Error(`${id}: ${pattern} not found in the glue`);
      code = code.replace(pattern, replacement);
    }
    // Each change stays within its line: the lines map as they were.
    return { code, map: null };
  },
};

async function build(entry, file, { platform, format, minify, sourcemap = false, plugins = [], inject }) {
  const bundle = await rolldown({
    input: entry,
    platform,
    plugins,
    transform: inject ? { inject } : undefined,
    external: [/^node:/],
    onLog(level, log) {
      console.error(`${file}: ${log.message}`);
      if (level === "warn") process.exitCode = 1;
    },
  });
  await bundle.write({ file: join(out, file), format, minify, sourcemap });
  await bundle.close();
  return readFileSync(join(out, file), "utf8");
}

for (const name of ["index", "lazy"]) {
  const code = await build(`js/${name}.js`, `${name}.js`, {
    platform: "browser", format: "esm", minify: true, sourcemap: true, plugins: [shorterWarnings],
  });
  // The minifier writes the literal with backticks, which Vite reads as well.
  if (!wasmUrl.test(code)) {
    console.error(`${name}.js: the glue's new URL("credit_checkout_bg.wasm", import.meta.url) did not survive`);
    process.exit(1);
  }
}
// TextEncoder and TextDecoder from node:util rather than the globals, which a test environment
// such as Jest's jsdom does not have.
const node = await build("js/node.js", "node.cjs", {
  platform: "node", format: "cjs", minify: false, plugins: [noDefaultUrl],
  inject: { TextEncoder: ["node:util", "TextEncoder"], TextDecoder: ["node:util", "TextDecoder"] },
});
if (node.includes("import.meta")) {
  console.error("node.cjs: import.meta left in a CommonJS module");
  process.exit(1);
}
await build("js/checkout-error.js", "errors.cjs", { platform: "neutral", format: "cjs", minify: false });
