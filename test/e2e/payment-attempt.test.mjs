// One order attempt, one charge: the page after success, a lost answer, a request that never
// answers. The built page against the reference backend in headless Chromium; the network is cut
// with Playwright's request routing.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiSession, fillCard, launchChromium, signIn, startBackend } from "../support.mjs";

let server;
let base;
let browser;
let dataDir;

let sessions = {};

/** Each test on fresh demo data: one Starter bought makes the next one no upgrade (R16). */
async function restart() {
  if (server) {
    server.removeAllListeners("exit");
    server.kill();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-attempt-"));
  ({ base, process: server } = await startBackend(dataDir));
  sessions = {};
}

before(async () => {
  browser = await launchChromium();
});

beforeEach(restart);

after(async () => {
  await browser?.close();
  server?.removeAllListeners("exit");
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The account's orders (the newest hundred), read as its demo user. */
async function ordersList(account) {
  sessions[account] ??= await apiSession(base, account);
  return (await sessions[account].json("/api/orders?limit=100")).orders;
}
const ordersOf = async (account) => (await ordersList(account)).length;

/** A page on `account` with Starter for 3 months chosen (30.00); `setup` runs before loading. */
async function starterPage(account, setup) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e));
  await setup?.(page);
  await signIn(page, base, account);
  await page.click("#add-credits");
  await page.check('input[name="package"][value="starter"]');
  await page.selectOption("#term", "3");
  await page.waitForSelector('#summary-total[data-amount="30.00"]');
  return page;
}

/** Every POST /api/orders the page sends, with its Idempotency-Key; `handle` decides its fate. */
async function watchOrders(page, handle) {
  const keys = [];
  await page.route("**/api/orders", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    keys.push(route.request().headers()["idempotency-key"]);
    return handle(route, keys.length);
  });
  return keys;
}

const bannerText = (page) => page.locator("#submit-error").innerText();

describe("one order attempt, one charge", () => {
  test("after success the form resets and Enter, Enter, Enter pays nothing more", async () => {
    const page = await starterPage("us-admin");
    await page.fill("#add-seats", "2");
    await page.check("#want-invoice");
    await page.fill("#invoice-company", "Northwind Inc.");
    await page.waitForSelector("#summary-total:not([data-amount=\"30.00\"])");
    await fillCard(page); // a subscription action: charged to the chosen card, not the saved one
    const before = await ordersOf("us-admin");
    await page.focus("#proceed");
    await page.keyboard.press("Enter");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Enter");
      await page.waitForTimeout(150);
    }
    assert.equal(await ordersOf("us-admin"), before + 1);
    // The checkout started over: what was typed for the paid order is gone.
    assert.equal(await page.inputValue("#add-seats"), "");
    assert.equal(await page.isChecked("#want-invoice"), false);
    assert.equal(await page.inputValue("#invoice-company"), "");
    assert.equal(await page.inputValue("#card-number"), "");
    assert.notEqual(await page.evaluate(() => document.activeElement.id), "proceed");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("the form is locked while paying, and the button pays once", async () => {
    let release;
    const held = new Promise((resolve) => (release = resolve));
    const page = await starterPage("us-admin");
    const keys = await watchOrders(page, async (route) => {
      await held;
      return route.continue();
    });
    const before = await ordersOf("us-admin");
    await page.click("#proceed");
    await page.waitForFunction(() => document.getElementById("checkout-form").inert === true);
    assert.match(await page.locator("#proceed").innerText(), /Processing/);
    // A click on the form changes nothing, a second click on the button sends nothing.
    await page.click('input[name="package"][value="growth"]', { force: true, timeout: 2000 }).catch(() => {});
    assert.equal(await page.isChecked('input[name="package"][value="growth"]'), false);
    await page.click("#proceed", { force: true });
    assert.equal(keys.length, 1);
    release();
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    assert.match(await page.locator("#success-total").innerText(), /\$30\.00/);
    assert.equal(await ordersOf("us-admin"), before + 1);
    await page.close();
  });

  test("a lost answer is settled by the order history: paid once, no advice to pay again", async () => {
    const page = await starterPage("us-admin");
    // The server gets the order and charges it; the answer never reaches the page.
    const keys = await watchOrders(page, async (route) => {
      await route.fetch();
      return route.abort("connectionreset");
    });
    const before = await ordersOf("us-admin");
    await page.click("#proceed");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    assert.equal(await ordersOf("us-admin"), before + 1);
    const orders = await ordersList("us-admin");
    const newest = orders.map((o) => Number(o.number)).sort((a, b) => b - a)[0];
    assert.equal(Number(await page.locator("#success-order-number").innerText()), newest);
    assert.equal(keys.length, 1);
    await page.close();
  });

  test("while the history cannot be read either, the page says so and only offers to check", async () => {
    const page = await starterPage("us-admin");
    await watchOrders(page, async (route) => {
      await route.fetch();
      return route.abort("connectionreset");
    });
    let historyDown = true;
    await page.route("**/api/orders?*", (route) => (historyDown ? route.abort("connectionrefused") : route.continue()));
    const before = await ordersOf("us-admin");
    await page.click("#proceed");
    await page.locator("#attempt-check").waitFor({ state: "visible" });
    const said = await bannerText(page);
    assert.match(said, /could not confirm/);
    assert.match(said, /Do not pay again/);
    assert.equal(await page.locator("#attempt-retry").isVisible(), false);
    assert.equal(await page.locator("#proceed").isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.id), "attempt-check");
    historyDown = false;
    await page.click("#attempt-check");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    assert.equal(await ordersOf("us-admin"), before + 1);
    await page.close();
  });

  test("an order that never reached the server is completed with the same key, once", async () => {
    const page = await starterPage("us-admin");
    const keys = await watchOrders(page, (route, n) => (n === 1 ? route.abort("connectionreset") : route.continue()));
    const before = await ordersOf("us-admin");
    await page.click("#proceed");
    await page.locator("#attempt-retry").waitFor({ state: "visible" });
    const said = await bannerText(page);
    assert.match(said, /not in the order history/);
    assert.doesNotMatch(said, /try again|pay again|Could not reach/i);
    // The focus is on the way forward, not on <body>.
    assert.equal(await page.evaluate(() => document.activeElement.id), "attempt-retry");
    assert.equal(await page.locator("#proceed").isVisible(), false);
    await page.click("#attempt-retry");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    assert.equal(keys.length, 2);
    assert.ok(keys[0] && keys[0].length >= 16, "a key is sent");
    assert.equal(keys[1], keys[0], "the retry sends the same Idempotency-Key");
    assert.equal(await ordersOf("us-admin"), before + 1);
    await page.close();
  });

  test("a new attempt after success has a new key", async () => {
    const page = await starterPage("us-admin");
    const keys = await watchOrders(page, (route) => route.continue());
    await page.click("#proceed");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    await page.click("#add-credits");
    // Starter now runs: the second attempt is an upgrade to Growth (R16): 100.00 x 3 less
    // Starter's unused 10.00 x (12/30 + 2) = 24.00.
    await page.check('input[name="package"][value="growth"]');
    await page.selectOption("#term", "3");
    await page.waitForSelector('#summary-total[data-amount="276.00"]');
    await page.click("#proceed");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    assert.equal(keys.length, 2);
    assert.notEqual(keys[0], keys[1]);
    await page.close();
  });

  test("a request that never answers times out with a clear message and a way on", async () => {
    const page = await starterPage("us-admin", (p) => p.clock.install());
    let hung = 0;
    await watchOrders(page, (route, n) => {
      if (n === 1) {
        hung += 1;
        return new Promise(() => {}); // never answers
      }
      return route.continue();
    });
    const before = await ordersOf("us-admin");
    await page.click("#proceed");
    await page.waitForFunction(() => document.getElementById("proceed").getAttribute("aria-busy") === "true");
    await page.clock.fastForward(60_000);
    await page.locator("#attempt-retry").waitFor({ state: "visible" });
    const said = await bannerText(page);
    assert.match(said, /did not answer in time/);
    assert.match(said, /not in the order history/);
    assert.equal(hung, 1);
    await page.click("#attempt-retry");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    assert.equal(await ordersOf("us-admin"), before + 1);
    await page.close();
  });
});
