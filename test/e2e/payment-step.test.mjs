// The payment step behind the gateway boundary: the card form and its checks, the decline, the
// bank's second confirmation step (confirm and cancel), PayPal's approval (approve and cancel),
// the amount on the pay button in both languages, and the saved card auto-renewal charges. The
// card number goes to the gateway's tokenizing route, never into the order.
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiSession, fillCard, launchChromium, signIn, startBackend, TEST_CARDS } from "../support.mjs";

let server;
let base;
let browser;
let dataDir;
const SHOTS = process.env.SHOTS_DIR;

before(async () => {
  browser = await launchChromium();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

// A backend of its own for each test: an account sells one package (R16), and each test buys one.
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-payment-"));
  ({ base, process: server } = await startBackend(dataDir));
});

afterEach(() => {
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

after(async () => {
  await browser?.close();
});

const ordersOf = async (account) => (await (await apiSession(base, account)).json("/api/orders?limit=100")).orders;

/**
 * Ana's page (Brazil, auto-renewal off: the chosen method is charged) with Starter for 3 months
 * (30.00) and `method` chosen; records every POST /api/orders body in `page.posted`.
 */
async function anaPage({ method = "card", language = "en", viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport, locale: language === "en" ? "en-US" : "pt-BR" });
  const page = await context.newPage();
  page.errors = [];
  page.posted = [];
  page.on("pageerror", (e) => page.errors.push(e));
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/orders") page.posted.push(r.postData());
  });
  await signIn(page, base, "br-admin");
  if ((await page.inputValue("#language-select")) !== language) {
    await page.selectOption("#language-select", language);
  }
  await page.click("#add-credits");
  await page.check('input[name="package"][value="starter"]');
  await page.selectOption("#term", "3");
  await page.check(`input[name="method"][value="${method}"]`);
  await page.waitForSelector('#summary-total[data-amount="30.00"]');
  return page;
}

const focused = (page) => page.evaluate(() => document.activeElement?.id);

describe("the card form", () => {
  test("client checks: a bad Luhn digit, a past expiry, a short CVC; nothing is sent", async () => {
    const page = await anaPage();
    const before = (await ordersOf("br-admin")).length;
    await fillCard(page, "4242 4242 4242 4241", "06/26", "12");
    await page.click("#proceed");
    assert.match(await page.textContent("#err-card-number"), /not valid/);
    assert.match(await page.textContent("#err-card-expiry"), /expired/); // the demo date is 2026-07-03
    assert.match(await page.textContent("#err-card-cvc"), /3 or 4/);
    assert.equal(await focused(page), "card-number");
    assert.equal(await page.getAttribute("#card-number", "aria-invalid"), "true");
    assert.equal(page.posted.length, 0);
    assert.equal((await ordersOf("br-admin")).length, before);
    // Brand detection, and an expiry this month is still good.
    await fillCard(page, "5555 5555 5555 4444", "07/26", "123");
    assert.equal(await page.textContent("#card-brand"), "Mastercard");
    assert.equal(await page.textContent("#err-card-number"), "");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a card that pays: the order names a pm_ token, never the card number", async () => {
    const page = await anaPage();
    await fillCard(page);
    await page.click("#proceed");
    await page.waitForSelector("#success-dialog[open]");
    assert.equal(page.posted.length, 1);
    const body = JSON.parse(page.posted[0]);
    assert.match(body.paymentMethod, /^pm_[0-9a-f]{24}$/);
    assert.doesNotMatch(page.posted[0], /4242\s?4242|424242/);
    assert.deepEqual(Object.keys(body).sort(), ["fingerprint", "order", "paymentMethod"]);
    // The form starts over empty.
    assert.equal(await page.inputValue("#card-number"), "");
    await page.context().close();
  });

  test("the decline: CARD_DECLINED on the card number, one failed order, a new attempt pays", async () => {
    const page = await anaPage();
    const before = await ordersOf("br-admin");
    await fillCard(page, TEST_CARDS.declines);
    await page.click("#proceed");
    await page.waitForFunction(() => document.getElementById("err-card-number").textContent !== "");
    assert.match(await page.textContent("#err-card-number"), /declined/);
    assert.equal(await focused(page), "card-number");
    const after = await ordersOf("br-admin");
    assert.equal(after.length, before.length + 1);
    assert.equal(after[0].status, "failed");
    assert.equal(await page.isVisible("#success-dialog[open]"), false);
    // A new attempt (its own key) with another card pays: two orders in all, not three.
    await fillCard(page);
    await page.click("#proceed");
    await page.waitForSelector("#success-dialog[open]");
    assert.equal(page.posted.length, 2);
    const last = await ordersOf("br-admin");
    assert.equal(last.length, before.length + 2);
    assert.equal(last[0].status, "paid");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("the second confirmation step (3-D Secure)", () => {
  test("confirm: the order asks for confirmation, then is paid", async () => {
    const page = await anaPage();
    await fillCard(page, TEST_CARDS.confirms);
    await page.click("#proceed");
    await page.waitForSelector("#confirm-dialog[open]");
    assert.match(await page.textContent("#confirm-text"), /\$30\.00/);
    const pending = (await ordersOf("br-admin"))[0];
    assert.equal(pending.status, "pending");
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "3ds-dialog-1280-en.png") });
    await page.click("#confirm-ok");
    await page.waitForSelector("#success-dialog[open]");
    assert.equal(await page.textContent("#success-order-number"), String(pending.number));
    assert.equal((await ordersOf("br-admin"))[0].status, "paid");
    assert.equal(page.posted.length, 1); // the confirmation is its own request
    await page.context().close();
  });

  test("cancel (pt-BR, phone): the order fails, the card form says so, nothing is charged", async () => {
    const page = await anaPage({ language: "pt-BR", viewport: { width: 390, height: 844 } });
    await fillCard(page, TEST_CARDS.confirms);
    await page.click("#proceed");
    await page.waitForSelector("#confirm-dialog[open]");
    assert.match(await page.textContent("#confirm-text"), /US\$\s?30,00/);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "3ds-dialog-390-pt-BR.png") });
    await page.click("#confirm-cancel");
    await page.waitForFunction(() => document.getElementById("err-card-number").textContent !== "");
    assert.match(await page.textContent("#err-card-number"), /não foi confirmado/);
    assert.equal(await focused(page), "card-number");
    const [order] = await ordersOf("br-admin");
    assert.equal(order.status, "failed");
    await page.context().close();
  });
});


describe("a confirmation left open", () => {
  test("the page closed mid-confirmation: a new order names the one holding the account and can cancel it (pt-BR)", async () => {
    const page = await anaPage();
    await fillCard(page, TEST_CARDS.confirms);
    await page.click("#proceed");
    await page.waitForSelector("#confirm-dialog[open]");
    const [held] = await ordersOf("br-admin");
    assert.equal(held.status, "pending");
    await page.context().close();
    // A new page: the account shows Starter (the held order's change); Growth is an upgrade.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "pt-BR" });
    const again = await context.newPage();
    await signIn(again, base, "br-admin");
    if ((await again.inputValue("#language-select")) !== "pt-BR") await again.selectOption("#language-select", "pt-BR");
    await again.click("#add-credits");
    await again.check('input[name="package"][value="growth"]');
    await again.check('input[name="method"][value="card"]');
    await fillCard(again, TEST_CARDS.pays);
    await again.click("#proceed");
    await again.waitForFunction(() => document.getElementById("submit-error").textContent.includes("aguarda"));
    const said = await again.textContent("#submit-error");
    assert.match(said, new RegExp(`O pedido ${held.number} desta conta ainda aguarda a confirmação`));
    assert.doesNotMatch(said, /order|waiting|payment/i);
    assert.equal(await again.evaluate(() => document.activeElement?.id), "submit-error");
    if (SHOTS) await again.screenshot({ path: join(SHOTS, "order-in-progress-390-pt-BR.png") });
    // Nothing else was ordered, and the held order is still the customer's to confirm.
    let orders = await ordersOf("br-admin");
    assert.deepEqual(orders.map((o) => [o.number, o.status]), [[held.number, "pending"]]);
    // Cancelling that payment frees the account; this order is then paid, once.
    await again.click("#attempt-release");
    await again.waitForFunction(() => document.getElementById("submit-error-text").textContent.includes("foi cancelado"));
    assert.match(await again.textContent("#submit-error-text"), new RegExp(`pedido ${held.number} foi cancelado e nada foi cobrado`));
    await again.click("#proceed"); // the card typed for this order is still there
    await again.waitForSelector("#success-dialog[open]");
    orders = await ordersOf("br-admin");
    assert.deepEqual(orders.map((o) => o.status), ["paid", "failed"]);
    await context.close();
  });
});
describe("PayPal", () => {
  test("cancel sends nothing; approve pays with the approval's token", async () => {
    const page = await anaPage({ method: "paypal" });
    assert.equal(await page.isVisible("#card-step"), false);
    assert.equal(await page.isVisible("#paypal-note"), true);
    await page.click("#proceed");
    await page.waitForSelector("#paypal-dialog[open]");
    assert.match(await page.textContent("#paypal-text"), /\$30\.00/);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "paypal-dialog-1280-en.png") });
    await page.click("#paypal-cancel");
    assert.equal(page.posted.length, 0);
    assert.equal(await focused(page), "proceed");
    await page.click("#proceed");
    await page.waitForSelector("#paypal-dialog[open]");
    await page.click("#paypal-approve");
    await page.waitForSelector("#success-dialog[open]");
    assert.equal(page.posted.length, 1);
    assert.match(JSON.parse(page.posted[0]).paymentMethod, /^pm_/);
    assert.equal((await ordersOf("br-admin"))[0].status, "paid");
    await page.context().close();
  });
});

describe("the amount and the saved card", () => {
  for (const [language, pattern] of [
    ["en", /^Pay \$30\.00$/],
    ["pt-BR", /^Pagar US\$\s?30,00$/],
  ]) {
    test(`the pay button names the amount (${language}); screenshots of the card step`, async () => {
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 390, height: 844 },
      ]) {
        const page = await anaPage({ language, viewport });
        assert.match((await page.innerText("#proceed")).trim(), pattern);
        await fillCard(page, "4242 4242 4242 4241", "12/30", "123");
        await page.click("#proceed");
        await page.waitForFunction(() => document.getElementById("err-card-number").textContent !== "");
        if (SHOTS) {
          await page.locator("#payment-fields").scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(SHOTS, `card-step-${viewport.width}-${language}.png`) });
        }
        await page.context().close();
      }
    });
  }

  test("with auto-renewal on, a package is charged to the saved card, shown as Visa •••• 4242", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    const page = await context.newPage();
    await signIn(page, base, "us-admin");
    await page.click("#add-credits");
    await page.check('input[name="package"][value="starter"]');
    await page.selectOption("#term", "3");
    await page.check('input[name="method"][value="paypal"]');
    await page.waitForSelector('#summary-total[data-amount="30.00"]');
    assert.equal(await page.textContent("#saved-card-label"), "Visa •••• 4242");
    assert.match(await page.textContent("#saved-card-why"), /charged to your saved card \(Visa •••• 4242\).*does not apply/);
    assert.equal(await page.isVisible("#card-step"), false);
    assert.equal(await page.isVisible("#paypal-note"), false);
    if (SHOTS) {
      await page.locator("#payment-fields").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "saved-card-1280-en.png") });
    }
    await context.close();
  });
});
