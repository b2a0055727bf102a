// The page's budgets, measured in headless Chromium against the built page (www/dist) and the
// reference backend (its release build, as deployed): navigation to the first preview on a cold cache, a control change to the
// updated summary, and the bytes a cold load transfers with compression. `make bench` adds the
// rows to its table (bench/run.mjs); `node bench/page-load.mjs` measures and prints them alone.
//
// The backend compresses its answers once it has a compression layer; until then (checked with
// a request for the page) a small proxy in front of it compresses them as a server would: brotli
// when the browser offers it (Chromium does on localhost), else gzip; the page's files once, at
// the highest quality, as precompressed files are served; the API's answers as they come, at a
// fast setting.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { apiSession, launchChromium, startBackend } from "../test/support.mjs";
import { median } from "./measure.mjs";

const LOADS = 10;
const CHANGES = 60;
// As for the other figures of the table: three runs, each figure its best run's median (a busy
// spell of the shared machine can last a whole run; interference only ever adds time).
const RUNS = 3;
const ACCOUNT = "us-admin";

/** Whether the backend compresses the page by itself. */
async function compresses(base) {
  const res = await fetch(`${base}/`, { headers: { "Accept-Encoding": "gzip, br" } });
  await res.arrayBuffer();
  return Boolean(res.headers.get("content-encoding"));
}

/** `body` in the best encoding `offered`: [bytes, encoding or null]. */
function encode(body, offered, { best }) {
  if (body.length <= 256) return [body, null];
  if (/\bbr\b/.test(offered)) {
    const quality = best ? constants.BROTLI_MAX_QUALITY : 4;
    return [brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } }), "br"];
  }
  if (/\bgzip\b/.test(offered)) return [gzipSync(body, { level: best ? 9 : 6 }), "gzip"];
  return [body, null];
}

/** A proxy to `base` that compresses every answer, as a server with compression would. */
async function compressingProxy(base) {
  const target = new URL(base);
  const files = new Map(); // the page's files, compressed once: "encoding url" -> bytes
  const server = createServer((req, res) => {
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, "accept-encoding": "identity" } },
      (answer) => {
        const chunks = [];
        answer.on("data", (c) => chunks.push(c));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          const headers = { ...answer.headers };
          delete headers["content-length"];
          const offered = String(req.headers["accept-encoding"] ?? "");
          const file = answer.statusCode === 200 && !req.url.startsWith("/api/");
          const key = `${offered} ${req.url}`;
          const [encoded, encoding] = (file && files.get(key)) || encode(body, offered, { best: file });
          if (file) files.set(key, [encoded, encoding]);
          if (encoding) headers["content-encoding"] = encoding;
          headers["content-length"] = String(encoded.length);
          headers.vary = "accept-encoding";
          res.writeHead(answer.statusCode ?? 502, headers).end(encoded);
        });
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Records, from the document's start, when the summary first shows a total (the first preview). */
function watchFirstPreview() {
  new MutationObserver((_, observer) => {
    const total = document.getElementById("summary-total");
    if (total?.dataset.amount) {
      window.firstPreviewMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-amount"] });
}

/** One load in a new context (an empty HTTP cache): ms to the first preview, bytes received. */
async function coldLoad(browser, url, cookies) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.addInitScript(watchFirstPreview);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
  await page.goto(url);
  await page.waitForFunction(() => window.firstPreviewMs !== undefined);
  await page.waitForLoadState("networkidle");
  const ms = await page.evaluate(() => window.firstPreviewMs);
  await context.close();
  return { ms, bytes };
}

/**
 * Clicks package choices in turn inside the page; each time, ms from the click to the updated
 * summary with its layout done (what has to fit in a frame before the next paint).
 */
async function controlChanges(browser, url, cookies) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies(cookies);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector(`body[data-account="${ACCOUNT}"]`);
  await page.click("#add-credits");
  await page.waitForSelector("#summary-total[data-amount]");
  const times = await page.evaluate(async (n) => {
    const choices = ["starter", "growth", "scale"].map((v) => document.querySelector(`input[name="package"][value="${v}"]`));
    const total = document.getElementById("summary-total");
    const out = [];
    for (let i = 0; i < n; i++) {
      const before = total.dataset.amount;
      const t0 = performance.now();
      choices[(i + 1) % choices.length].click();
      total.getBoundingClientRect(); // style and layout of the updated summary
      const t1 = performance.now();
      if (total.dataset.amount === before) throw new Error("the summary did not change");
      out.push(t1 - t0);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    return out;
  }, CHANGES);
  await context.close();
  return times;
}

/** The three figures, with the runs behind them. */
export async function measurePage() {
  const dir = mkdtempSync(join(tmpdir(), "credit-checkout-bench-"));
  const backend = await startBackend(dir, undefined, [], { profile: "release" });
  const direct = await compresses(backend.base);
  const proxy = direct ? null : await compressingProxy(backend.base);
  const url = `${proxy?.base ?? backend.base}/`;
  // Signed in once through the API; every cold context starts with the session cookie only.
  const [name, value] = (await apiSession(backend.base, ACCOUNT)).cookie.split("=");
  const cookies = [{ name, value, url }];
  const browser = await launchChromium();
  try {
    await coldLoad(browser, url, cookies); // the server's own first answers (file system, SQLite) apart
    const loadRuns = [];
    const changeRuns = [];
    for (let r = 0; r < RUNS; r++) {
      const loads = [];
      for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser, url, cookies));
      loadRuns.push(loads);
      changeRuns.push(await controlChanges(browser, url, cookies));
    }
    const best = (runs, f) => Math.min(...runs.map((run) => median(run.map(f))));
    return {
      compression: direct ? "backend" : "proxy in front of the backend",
      firstPreviewMs: best(loadRuns, (l) => l.ms),
      controlChangeMs: best(changeRuns, (ms) => ms),
      // The bytes do not depend on the machine's load: the first run's median.
      transferredBytes: median(loadRuns[0].map((l) => l.bytes)),
      loadRuns,
      changeRuns,
    };
  } finally {
    await browser.close();
    proxy?.close();
    backend.process.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows of bench/run.mjs's table: [figure, budget, measured, "max"]. */
export function pageRows(page) {
  return [
    ["page: navigation to first preview, cold cache, Chrome (ms)", 300, page.firstPreviewMs, "max"],
    ["page: control change to updated summary, Chrome (ms)", 16, page.controlChangeMs, "max"],
    ["page: transferred, cold load, compressed (kB)", 150, page.transferredBytes / 1000, "max"],
  ];
}

/** The runs behind the page's rows, in a line. */
export function pageSummary(page) {
  const medians = (runs, f) => runs.map((run) => median(run.map(f)).toFixed(1)).join(" / ");
  const loads = medians(page.loadRuns, (l) => l.ms);
  const changes = medians(page.changeRuns, (ms) => ms);
  return `page, run by run: first preview ${loads} ms, control change ${changes} ms; cold load ${page.transferredBytes} B, compressed by the ${page.compression}`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const page = await measurePage();
  const rows = pageRows(page);
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`${"figure".padEnd(width)} | budget     | measured   | within budget`);
  console.log(`${"-".repeat(width)}-|------------|------------|--------------`);
  for (const [figure, budget, measured] of rows) {
    const within = measured <= budget ? "yes" : "NO";
    console.log(`${figure.padEnd(width)} | ${`≤ ${budget.toFixed(2)}`.padEnd(10)} | ${measured.toFixed(2).padEnd(10)} | ${within}`);
  }
  console.log(`\n${pageSummary(page)}`);
  process.exit(rows.every(([, budget, measured]) => measured <= budget) ? 0 : 1);
}
