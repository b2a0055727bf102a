// The renewal cycle on the page (SPEC R17, R18): the Billing tab previews the next automatic
// charge; the demo clock moves past the period end and the history shows the automatic renewal
// with the amount the preview gave; turning auto-renewal off (after its confirmation) makes the
// preview say that nothing will be charged. Screenshots in test-output/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { apiSession, launchChromium, root, signIn, startBackend } from "../support.mjs";

const out = join(root, "test-output");
mkdirSync(out, { recursive: true });
let dataDir;
let server;
let base;
let browser;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-renewal-"));
  // Demo periods on 2026-07-03: 2026-03-15..2027-03-15.
  ({ base, process: server } = await startBackend(dataDir, "2026-07-03", ["--demo-clock"]));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.removeAllListeners("exit");
  server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

test("the demo clock renews the account for the amount the Billing tab previewed", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(page, base, "us-admin");
  const preview = page.locator("#renewal-preview");
  await preview.locator("#renewal-total").waitFor();
  const previewed = await preview.getAttribute("data-total");
  // US, Advanced, 1 seat, 12 months at the catalog's seat price, charged on the period end.
  assert.match(await page.textContent("#renewal-date"), /Mar 15, 2027/);
  assert.equal(await page.getAttribute("#auto-renewal-switch", "aria-checked"), "true");
  assert.ok(Number(previewed) > 0, previewed);
  await page.screenshot({ path: join(out, "renewal-preview-en.png") });

  const api = await apiSession(base, "us-admin");
  const moved = await api.fetch("/api/demo/clock", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ date: "2027-03-15" }),
  });
  assert.equal(moved.status, 200);
  assert.deepEqual(await moved.json(), { today: "2027-03-15", renewed: 2, declined: 0 });

  await page.reload();
  await page.waitForSelector('body[data-account="us-admin"]');
  await page.click("#tab-orders");
  const row = page.locator('tr[data-kind="renewal"]');
  await row.waitFor();
  assert.equal(await row.count(), 1);
  assert.equal(await row.locator("td[data-amount]").getAttribute("data-amount"), previewed);
  assert.match(await row.textContent(), /Automatic renewal/);
  await page.close();
});

test("turning auto-renewal off asks first, then nothing will be charged", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(page, base, "us-admin");
  await page.locator("#renewal-total").waitFor();
  await page.click("#auto-renewal-switch");
  const dialog = page.locator("#renewal-dialog");
  await dialog.waitFor();
  assert.match(await page.textContent("#renewal-dialog-text"), /subscription and your AI credit package both end/);
  await page.click("#renewal-cancel");
  assert.equal(await page.getAttribute("#auto-renewal-switch", "aria-checked"), "true");
  await page.click("#auto-renewal-switch");
  await page.click("#renewal-confirm");
  await page.waitForSelector('#auto-renewal-switch[aria-checked="false"]');
  const off = await page.textContent("#renewal-off");
  assert.match(off, /Nothing will be charged/);
  assert.equal(await page.locator("#renewal-total").count(), 0);
  // And on again: the account has a saved payment since its renewal.
  await page.click("#auto-renewal-switch");
  await page.waitForSelector('#auto-renewal-switch[aria-checked="true"]');
  await page.locator("#renewal-total").waitFor();
  await page.close();
});

test("a member sees the preview but cannot switch", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(page, base, "us-member");
  assert.equal(await page.isDisabled("#auto-renewal-switch"), true);
  assert.equal(await page.isVisible("#renewal-member-note"), true);
  await page.close();
});
