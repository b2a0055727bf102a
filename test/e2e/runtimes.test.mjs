// The package in headless Chrome without a bundler: the bad-input matrix and the 10,000-order
// determinism comparison, the same code as in Node (test/matrix/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import { chromium } from "playwright-core";

const root = new URL("../../", import.meta.url).pathname;
const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html", ".json": "application/json", ".wasm": "application/wasm" };
const served = ["pkg/", "test/matrix/", "target/determinism/"];
let server;
let browser;
let page;

before(async () => {
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    if (!served.some((p) => path.startsWith(p))) return res.writeHead(404).end();
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { "Content-Type": types[path.slice(path.lastIndexOf("."))] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/test/matrix/index.html`);
  await page.waitForFunction(() => window.ready === true);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("every hostile input is a CheckoutError with its code and path in Chrome; the instance survives", async () => {
  const run = await page.evaluate(() => window.runMatrix());
  assert.ok(run.cases >= 60, `${run.cases} cases`);
  const failures = run.results.filter((r) => !r.ok).map((r) => `${r.name}: got ${JSON.stringify(r.got)}, expected ${r.code} at ${r.field}`);
  assert.deepEqual(failures, []);
  assert.equal(run.prototypeUntouched, true);
  assert.deepEqual([run.finalQuote.total, run.finalQuote.credits], ["30.00", 6250]);
  console.log(`matrix: ${run.cases} cases, ${run.results.length} checks in Chrome`);
});

test("10,000 generated orders give the native outcomes byte for byte in Chrome", async () => {
  const result = await page.evaluate(() => window.runDeterminism());
  assert.equal(result.compared, 10_000);
  assert.deepEqual(result.differing, []);
  console.log(`determinism: ${result.compared} orders identical in Chrome`);
});
