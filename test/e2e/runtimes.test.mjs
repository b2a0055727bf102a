// The package in headless Chrome without a bundler: the bad-input matrix, the 10,000-order
// determinism comparison and the display strings, the same code as in Node (test/matrix/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launchChromium, serveFiles } from "../support.mjs";

let files;
let browser;
let page;

before(async () => {
  files = await serveFiles(["pkg/", "test/matrix/", "target/determinism/"]);
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${files.base}/test/matrix/index.html`);
  await page.waitForFunction(() => window.ready === true);
});

after(async () => {
  await browser?.close();
  files?.close();
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

test("display strings are Chrome's Intl text, a credit's minus sign included, or plain for a refused locale", async () => {
  assert.deepEqual(await page.evaluate(() => window.runDisplay()), []);
});
