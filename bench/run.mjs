// `make bench`: measures every figure of the budget table (bundle size, JS API latency in Node
// and headless Chrome, the decimal.js peer, instantiation, native throughput from criterion, and
// the page: first preview, control change, transferred bytes, from bench/page-load.mjs), prints
// the table and writes target/bench.json. Exits 1 when a figure is over its budget.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchChromium, root, serveFiles } from "../test/support.mjs";
import { measure, median } from "./measure.mjs";
import { measurePage, pageRows, pageSummary } from "./page-load.mjs";

const catalog = JSON.parse(readFileSync(join(root, "catalog/default.json"), "utf8"));
const order = JSON.parse(readFileSync(join(root, "bench/typical-order.json"), "utf8"));
// The renewal preview of a typical account (R17): budget, no slower than the quote.
const account = JSON.parse(readFileSync(join(root, "bench/typical-account.json"), "utf8"));

// Shipped to a browser: the wasm and the browser entry, one module with everything it needs.
const shipped = ["pkg/credit_checkout_bg.wasm", "pkg/index.js"];
const gzipBytes = shipped.reduce((n, f) => n + gzipSync(readFileSync(join(root, f)), { level: 9 }).length, 0);
const rawBytes = shipped.reduce((n, f) => n + readFileSync(join(root, f)).length, 0);
const wasmGzip = gzipSync(readFileSync(join(root, shipped[0])), { level: 9 }).length;

const nodeModule = await import(join(root, "pkg/node.js"));

// Node first, with no browser running: Chrome compiles in the background for seconds after a
// page load, and the Wasm tier-up in Node (background threads too) then came late enough that
// the quote was measured at 23-26 µs against 13-15 alone.
const RUNS = 3;
const nodeRuns = [];
for (let r = 0; r < RUNS; r++) nodeRuns.push(measure(nodeModule, catalog, order, account));

// Module instantiation as a returning visitor meets it: one tab, fresh documents (each imports
// the package anew: its own module map), files cacheable for an hour. The figure is the median of
// a run of 10 warm loads (HTTP cache, V8's code cache, the tab's renderer with Blink's memory
// cache and V8's Wasm module cache); the first, cold load is reported apart. The page says it is
// ready on the console: a waitForFunction would poll inside the page during the timed import.
const files = await serveFiles(["pkg/", "bench/", "catalog/", "node_modules/decimal.js/"], { cacheControl: "max-age=3600" });
const url = `${files.base}/bench/page.html`;
const browser = await launchChromium();
const page = await (await browser.newContext()).newPage();
/** Loads the page `n` times in the tab; the import times in ms. */
async function loads(n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const ready = page.waitForEvent("console", (m) => m.text() === "bench:ready");
    await page.goto(url);
    await ready;
    times.push(await page.evaluate(() => window.instantiationMs));
  }
  return times;
}
const [coldInstantiationMs] = await loads(1);
// Then Chrome: three runs of 10 warm loads and the JS figures. Each figure here and above is its
// best run's median: a slow spell of a shared machine (other tenants take its cores for seconds to
// minutes) can last a whole run, and interference only ever adds time. Every run is in
// target/bench.json.
const instantiationRuns = [];
const chromeRuns = [];
for (let r = 0; r < RUNS; r++) {
  instantiationRuns.push(await loads(10));
  chromeRuns.push(await page.evaluate(() => window.runBench()));
}
await browser.close();
files.close();
const best = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, Math.min(...runs.map((r) => r[k]))]));
const node = best(nodeRuns);
const chrome = best(chromeRuns);
const instantiationMedians = instantiationRuns.map(median);
const instantiationMs = Math.min(...instantiationMedians);

// Native: criterion's median of the quote (make bench ran every criterion benchmark first), and
// two more runs of the quote alone, the best of the three as for the JS figures.
const estimate = () => {
  const est = JSON.parse(readFileSync(join(root, "target/criterion/quote_typical/new/estimates.json"), "utf8"));
  return 1e9 / est.median.point_estimate;
};
const nativeRuns = [];
try {
  nativeRuns.push(estimate());
  for (let r = 1; r < RUNS; r++) {
    execFileSync("cargo", ["bench", "--bench", "quote", "--", "--exact", "quote_typical", "--warm-up-time", "2", "--measurement-time", "5"], { cwd: root, stdio: "ignore" });
    nativeRuns.push(estimate());
  }
} catch {
  console.error("no criterion estimate: run `cargo bench --bench quote` first (make bench does)");
}
const nativePerSecond = nativeRuns.length > 0 ? Math.max(...nativeRuns) : null;

// The page, built (www/dist) and served by the backend, in a browser of its own.
const pageFigures = await measurePage();

const rows = [
  ["shipped .wasm + JS glue, gzip -9 (KiB)", 64, gzipBytes / 1024, "max"],
  ["quote, typical order, Node (µs)", 20, node.quoteUs, "max"],
  ["quote, typical order, Chrome (µs)", 20, chrome.quoteUs, "max"],
  ["renewal(), typical account, Node (µs; budget: the quote's)", node.quoteUs, node.renewalUs, "max"],
  ["renewal(), typical account, Chrome (µs; budget: the quote's)", chrome.quoteUs, chrome.renewalUs, "max"],
  ["installmentOptions (12), Node (µs)", 60, node.installmentOptionsUs, "max"],
  ["installmentOptions (12), Chrome (µs)", 60, chrome.installmentOptionsUs, "max"],
  ["new Checkout(), default catalog, Node (ms)", 2, node.newCheckoutMs, "max"],
  ["new Checkout(), default catalog, Chrome (ms)", 2, chrome.newCheckoutMs, "max"],
  ["module instantiation, Chrome (ms)", 20, instantiationMs, "max"],
  ["native quote, typical order (per second, one core)", 500_000, nativePerSecond ?? 0, "min"],
  ["Wasm quote vs decimal.js peer, Node (peer µs / Wasm µs)", 1, node.peerQuoteUs / node.quoteUs, "min"],
  ["Wasm quote vs decimal.js peer, Chrome (peer µs / Wasm µs)", 1, chrome.peerQuoteUs / chrome.quoteUs, "min"],
  ...pageRows(pageFigures),
];
const fmt = (n) => (n >= 1000 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2));
const table = rows.map(([figure, budget, measured, kind]) => ({
  figure, budget, measured: Number(measured.toFixed(3)), within: kind === "max" ? measured <= budget : measured >= budget,
}));
const width = Math.max(...table.map((r) => r.figure.length));
console.log(`${"figure".padEnd(width)} | budget     | measured   | within budget`);
console.log(`${"-".repeat(width)}-|------------|------------|--------------`);
for (const r of table) {
  const sign = rows.find((x) => x[0] === r.figure)[3] === "max" ? "≤" : "≥";
  console.log(`${r.figure.padEnd(width)} | ${`${sign} ${fmt(r.budget)}`.padEnd(10)} | ${fmt(r.measured).padEnd(10)} | ${r.within ? "yes" : "NO"}`);
}
const details = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  shipped: { files: shipped, rawBytes, gzipBytes, wasmGzipBytes: wasmGzip },
  node, chrome, nodeRuns, chromeRuns, instantiationRuns, coldInstantiationMs, nativePerSecond, nativeRuns, page: pageFigures,
};
const runs = (list) => list.map((r) => r.quoteUs.toFixed(2)).join(" / ");
console.log(`\nquote µs, run by run: Node ${runs(nodeRuns)}, Chrome ${runs(chromeRuns)}; native per second ${nativeRuns.map((n) => Math.round(n).toLocaleString("en-US")).join(" / ")}`);
console.log(`shipped raw ${rawBytes} B, gzip ${gzipBytes} B (wasm alone ${wasmGzip} B); peer µs Node ${node.peerQuoteUs.toFixed(2)}, Chrome ${chrome.peerQuoteUs.toFixed(2)}; first (cold) load in Chrome ${coldInstantiationMs.toFixed(1)} ms`);
console.log(pageSummary(pageFigures));
mkdirSync(join(root, "target"), { recursive: true });
writeFileSync(join(root, "target/bench.json"), JSON.stringify({ table, details }, null, 2));
console.log("written: target/bench.json");
process.exit(table.every((r) => r.within) ? 0 : 1);
