// `make test-toolchains`: the package as its users get it (`npm pack` of pkg/), in the toolchains
// its README gives a recipe for. Each app here is built with its tool's defaults and asserts a
// rendered quote: in headless Chromium (Vite, webpack, esbuild, a module worker, Next.js) or in
// Node (Node ESM and CommonJS, Jest, Vitest, Vite SSR, esbuild --platform=node, Next.js's server
// component).
// publint and attw check the package itself, TypeScript the declarations as installed.
//
// The tools come from this folder's package.json and lock, installed with `npm ci` only when the
// lock changes (node_modules/.lock-stamp); the tarball is unpacked into node_modules as npm would
// install it (it has no dependencies), so a rebuilt package needs no reinstall.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { promisify } from "node:util";
import { launchChromium, root } from "../support.mjs";

const here = join(root, "test/toolchains");
const bin = (name) => join(here, "node_modules/.bin", name);
const run = promisify(execFile);
/** Runs a command in `cwd`; resolves to its stdout, or rejects with its output. */
async function sh(cmd, args, cwd = here, env = {}) {
  try {
    const { stdout } = await run(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return stdout;
  } catch (e) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${e.stdout}\n${e.stderr}`);
  }
}

/** The package as `npm pack` makes it, and its unpacked copy in node_modules. */
let tarball;
let browser;

before(async () => {
  const out = join(root, "target/toolchains");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const [packed] = JSON.parse(await sh("npm", ["pack", join(root, "pkg"), "--json", "--pack-destination", out], root));
  tarball = join(out, packed.filename);
  const stamp = join(here, "node_modules/.lock-stamp");
  let current = "";
  try {
    current = readFileSync(stamp, "utf8");
  } catch {}
  if (current !== readFileSync(join(here, "package-lock.json"), "utf8")) {
    await sh("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]);
    copyFileSync(join(here, "package-lock.json"), stamp);
  }
  const installed = join(here, "node_modules/credit-checkout");
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed);
  await sh("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Serves `dir` on 127.0.0.1 with `headers` on every answer; resolves to `{ base, close }`. */
function serve(dir, headers = {}) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
  const server = createServer(async (req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    if (path === "" || path.endsWith("/")) path += "index.html";
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, { "Content-Type": types[extname(path)] ?? "application/octet-stream", ...headers }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }));
  });
}

/** Opens `url` and resolves to the text of each selector once it has left `loading`/`waiting`. */
async function rendered(url, selectors) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.goto(url);
    const texts = [];
    for (const s of selectors) {
      await page.waitForFunction((sel) => {
        const text = document.querySelector(sel)?.textContent;
        return text !== undefined && text !== "loading" && text !== "waiting";
      }, s, { timeout: 20_000 }).catch(() => {});
      texts.push(await page.textContent(s));
    }
    return { texts, errors };
  } finally {
    await page.close();
  }
}

// The README's CSP directive: WebAssembly compiles only with 'wasm-unsafe-eval'.
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const cspWithoutWasm = "default-src 'self'; script-src 'self'";

describe("the package itself", () => {
  test("publint and attw find no problem", async () => {
    await sh(bin("publint"), ["--strict", join(root, "pkg")]);
    await sh(bin("attw"), ["--pack", join(root, "pkg")]);
  });

  test("Node ESM and CommonJS import it by name", async () => {
    assert.equal(await sh("node", ["node/esm.mjs"]), "esm 30.00\n");
    assert.equal(await sh("node", ["node/cjs.cjs"]), "cjs 30.00\n");
  });

  test("Jest (CommonJS; Node and jsdom environments) and Vitest, with no configuration but jsdom's conditions", async () => {
    await sh(bin("jest"), ["--rootDir", "jest", "--ci", "--silent"]);
    await sh(bin("vitest"), ["run", "--root", "vitest"]);
  });

  test("TypeScript strict, skipLibCheck false: node16 (ESM and CommonJS) and bundler resolution", async () => {
    await sh(bin("tsc"), ["-p", "ts/tsconfig.json"]);
    await sh(bin("tsc"), ["-p", "ts/tsconfig.bundler.json"]);
  });
});

describe("bundlers", () => {
  for (const vite of ["vite", "vite7"]) {
    test(`${vite === "vite" ? "Vite 8" : "Vite 7"}: the default entry, a module worker asked at once, the lazy entry under a CSP`, () => viteApp(vite));
  }

  test("Vite's dev server: Vite 8 as it comes, Vite 7 with optimizeDeps.exclude", async () => {
    const app = join(here, "vite");
    for (const [vite, optimizeDeps] of [["vite", {}], ["vite7", { exclude: ["credit-checkout"] }]]) {
      const { createServer: viteServer } = await import(join(here, `node_modules/${vite}/dist/node/index.js`));
      const server = await viteServer({
        root: app, configFile: false, logLevel: "error", cacheDir: join(app, `dist-dev-cache/${vite}`),
        server: { host: "127.0.0.1", port: 0, hmr: false }, optimizeDeps: { force: true, ...optimizeDeps },
      });
      await server.listen();
      try {
        const base = server.resolvedUrls.local[0];
        assert.deepEqual((await rendered(`${base}index.html`, ["#quote", "#worker"])).texts, ["$30.00 6250", "30.00"], vite);
        assert.deepEqual((await rendered(`${base}lazy.html`, ["#quote"])).texts, ["$30.00"], vite);
      } finally {
        await server.close();
      }
    }
  });

  test("Vite SSR with ssr.noExternal: the Node entry bundled into the server", async () => {
    const { build } = await import(join(here, "node_modules/vite/dist/node/index.js"));
    const app = join(here, "vite");
    await build({
      root: app, logLevel: "warn", configFile: false,
      build: { ssr: join(app, "server.js"), outDir: join(app, "dist-ssr"), emptyOutDir: true },
      ssr: { noExternal: true },
    });
    assert.equal(await sh("node", [join(app, "dist-ssr/server.js")], tmpdir()), "ssr 30.00\n");
  });

  test("webpack 5: the default entry, the .wasm emitted", async () => {
    const { default: webpack } = await import(join(here, "node_modules/webpack/lib/index.js"));
    const { default: config } = await import(join(here, "webpack/webpack.config.js"));
    const stats = await promisify(webpack)(config);
    assert.equal(stats.hasErrors(), false, stats.toString("errors-only"));
    copyFileSync(join(here, "webpack/index.html"), join(here, "webpack/dist/index.html"));
    const files = await serve(join(here, "webpack/dist"), { "Content-Security-Policy": csp });
    try {
      assert.deepEqual(await rendered(`${files.base}/`, ["#quote"]), { texts: ["$30.00 6250"], errors: [] });
    } finally {
      files.close();
    }
  });

  test("esbuild: the browser bundle with the .wasm copied (loadCheckout from a URL, a Response, bytes, a module), and --platform=node with nothing to copy", async () => {
    const esbuild = await import(join(here, "node_modules/esbuild/lib/main.js"));
    const app = join(here, "esbuild");
    const dist = join(app, "dist");
    rmSync(dist, { recursive: true, force: true });
    await esbuild.build({ entryPoints: [join(app, "src/browser.js")], bundle: true, format: "esm", outdir: dist, logLevel: "warning" });
    // The README's recipe: the .wasm beside the bundle.
    copyFileSync(join(here, "node_modules/credit-checkout/credit_checkout_bg.wasm"), join(dist, "credit_checkout_bg.wasm"));
    copyFileSync(join(app, "index.html"), join(dist, "index.html"));
    const files = await serve(dist, { "Content-Security-Policy": csp });
    try {
      // loadCheckout() from each kind of source.
      for (const source of ["none", "url", "response", "bytes", "module"]) {
        assert.deepEqual(await rendered(`${files.base}/?source=${source}`, ["#quote"]), { texts: ["$30.00"], errors: [] }, source);
      }
    } finally {
      files.close();
    }
    const result = await esbuild.build({
      entryPoints: [join(app, "src/server.js")], bundle: true, platform: "node", outfile: join(dist, "server.cjs"), logLevel: "warning",
    });
    assert.deepEqual(result.warnings, []);
    // Run alone, far from node_modules: the module travels inside the bundle.
    const away = mkdtempSync(join(tmpdir(), "credit-checkout-esbuild-"));
    try {
      copyFileSync(join(dist, "server.cjs"), join(away, "server.cjs"));
      assert.equal(await sh("node", [join(away, "server.cjs")], away), "node 30.00 CUSTOM_CREDITS_NOT_A_STEP 100000\n");
    } finally {
      rmSync(away, { recursive: true, force: true });
    }
  });
  test("Rollup and bun build: the browser bundles with the .wasm copied; bun build --target=node and the Bun runtime", async () => {
    const app = join(here, "esbuild");
    const { rollup } = await import(join(here, "node_modules/rollup/dist/es/rollup.js"));
    const { nodeResolve } = await import(join(here, "node_modules/@rollup/plugin-node-resolve/dist/es/index.js"));
    const wasm = join(here, "node_modules/credit-checkout/credit_checkout_bg.wasm");
    for (const tool of ["rollup", "bun"]) {
      const dist = join(app, "dist", tool);
      rmSync(dist, { recursive: true, force: true });
      if (tool === "rollup") {
        const bundle = await rollup({ input: join(app, "src/browser.js"), plugins: [nodeResolve({ browser: true })] });
        await bundle.write({ dir: dist, format: "es" });
        await bundle.close();
      } else {
        await sh(bin("bun"), ["build", join(app, "src/browser.js"), "--outdir", dist, "--target", "browser"]);
      }
      // The README's recipe: the .wasm beside the bundle.
      copyFileSync(wasm, join(dist, "credit_checkout_bg.wasm"));
      copyFileSync(join(app, "index.html"), join(dist, "index.html"));
      const files = await serve(dist, { "Content-Security-Policy": csp });
      try {
        assert.deepEqual(await rendered(`${files.base}/`, ["#quote"]), { texts: ["$30.00"], errors: [] }, tool);
      } finally {
        files.close();
      }
    }
    const server = join(app, "dist/bun/server.js");
    await sh(bin("bun"), ["build", join(app, "src/server.js"), "--target", "node", "--outfile", server]);
    assert.equal(await sh("node", [server], tmpdir()), "node 30.00 CUSTOM_CREDITS_NOT_A_STEP 100000\n");
    assert.equal(await sh(bin("bun"), ["node/esm.mjs"]), "esm 30.00\n");
    assert.equal(await sh(bin("bun"), ["node/cjs.cjs"]), "cjs 30.00\n");
  });
});

describe("Next.js", () => {
  for (const [name, build] of [["Turbopack", ["build"]], ["webpack", ["build", "--webpack"]]]) {
    test(`next ${build.join(" ")} (${name}), then a server component and a client component each render a quote`, () => nextApp(build));
  }
});

/** Builds the Next.js app with `build` (next's arguments), starts it and checks both components. */
async function nextApp(build) {
  const app = join(here, "next");
  await sh(bin("next"), build, app, { NEXT_TELEMETRY_DISABLED: "1" });
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port: p } = s.address();
      s.close(() => resolve(p));
    });
  });
  const server = spawn(bin("next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: app, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true,
  });
  let log = "";
  server.stdout.on("data", (c) => (log += c));
  server.stderr.on("data", (c) => (log += c));
  try {
    const base = `http://127.0.0.1:${port}`;
    let html = "";
    for (let i = 0; i < 100 && !html; i++) {
      try {
        html = await (await fetch(`${base}/`)).text();
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.match(html, /id="server-quote">server <!-- -->\$30\.00<!-- --> <!-- -->6250</, log);
    const page = await rendered(`${base}/`, ["#server-quote", "#client-quote"]);
    assert.deepEqual(page, { texts: ["server $30.00 6250", "client $30.00"], errors: [] }, log);
  } finally {
    process.kill(-server.pid);
  }
}

/** Builds the Vite app with `vite` (a folder of node_modules), serves it under a CSP and checks it. */
async function viteApp(vite) {
  const { build } = await import(join(here, `node_modules/${vite}/dist/node/index.js`));
  const app = join(here, "vite");
  const outDir = join(app, "dist", vite);
  await build({ root: app, logLevel: "warn", configFile: join(app, "vite.config.js"), build: { outDir, emptyOutDir: true } });
  const files = await serve(outDir, { "Content-Security-Policy": csp });
  const strict = await serve(outDir, { "Content-Security-Policy": cspWithoutWasm });
  try {
    const page = await rendered(`${files.base}/`, ["#quote", "#worker", "#worker-error"]);
    assert.deepEqual(page, { texts: ["$30.00 6250", "30.00", "true INSTALLMENTS_NOT_AVAILABLE payment.installments"], errors: [] });
    assert.deepEqual((await rendered(`${files.base}/lazy.html`, ["#quote"])).texts, ["$30.00"]);
    // Without 'wasm-unsafe-eval' the load fails, and the page catches it.
    assert.deepEqual((await rendered(`${strict.base}/lazy.html`, ["#quote"])).texts, ["CheckoutError WASM_LOAD_FAILED"]);
  } finally {
    files.close();
    strict.close();
  }
}
