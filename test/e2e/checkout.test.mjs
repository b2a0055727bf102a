// End to end: the built page (www/dist) served by the reference backend, driven in Debian's
// Chromium through playwright-core. Screenshots go to test-output/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiSession, launchChromium, root, signIn, startBackend } from "../support.mjs";

const output = join(root, "test-output");
let server;
let base;
let browser;
let dataDir;

before(async () => {
  mkdirSync(output, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-e2e-"));
  ({ base, process: server } = await startBackend(dataDir));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh page on `account`, with the checkout open. */
async function openCheckout(account, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  // The page marks the account it shows once it has loaded and drawn it.
  await signIn(page, base, account);
  page.errors = errors;
  return page;
}

async function chooseStarter(page) {
  await page.click("#add-credits");
  await page.check('input[name="package"][value="starter"]');
  await page.selectOption("#term", "3");
}

const text = (page, selector) => page.locator(selector).innerText();

describe("the checkout page", () => {
  test("Starter for 3 months on the US account: 30.00 and 6,250 credits a month", async () => {
    const page = await openCheckout("us-admin");
    await chooseStarter(page);
    await assert.doesNotReject(page.waitForSelector('#summary-total[data-amount="30.00"]'));
    assert.match(await text(page, "#summary-total"), /\$30\.00/);
    assert.match(await text(page, "#summary-credits"), /1,250 included \+ 5,000 package = 6,250 credits a month/);
    assert.match(await text(page, "#summary-next-reset"), /expire/);
    assert.equal(await page.isEnabled("#proceed"), true);
    await page.screenshot({ path: join(output, "checkout-desktop.png"), fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("at 375 px wide the checkout fits without horizontal scrolling", async () => {
    const page = await openCheckout("br-admin", { width: 375, height: 812 });
    await chooseStarter(page);
    await page.waitForSelector("#summary-total[data-amount]");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `scrolls ${overflow}px sideways`);
    await page.screenshot({ path: join(output, "checkout-375.png"), fullPage: true });
    await page.close();
  });

  test("the Scale Custom stepper reaches 115,000 credits at 230.00 a month", async () => {
    const page = await openCheckout("us-admin");
    await page.click("#add-credits");
    await page.check('input[name="package"][value="scale_custom"]');
    assert.equal(await page.inputValue("#custom-credits"), "100,000");
    for (let i = 0; i < 3; i++) await page.click("#custom-plus");
    assert.equal(await page.inputValue("#custom-credits"), "115,000");
    assert.match(await text(page, "#custom-price"), /230\.00/);
    // 230.00 a month for the 3-month minimum: 690.00.
    await page.selectOption("#term", "3");
    await page.waitForSelector('#summary-total[data-amount="690.00"]');
    assert.equal(await page.isDisabled("#custom-minus"), false);
    await page.close();
  });

  test("the Brazilian account with card gets installments, commission from 7 on; PayPal hides them", async () => {
    const page = await openCheckout("br-admin");
    await chooseStarter(page);
    await page.check('input[name="method"][value="card"]');
    const options = await page.locator("#installments option").allInnerTexts();
    assert.equal(options.length, 12);
    for (let n = 2; n <= 6; n++) assert.match(options[n - 1], /interest-free/, `option ${n}`);
    // 4.99 % of 30.00 = 1.497, rounded 1.50; 31.50 in 7 = 4.50 each. The option stays short
    // (a phone's select shows it whole); the commission is spelled out below it.
    assert.equal(options[6], "7 × $4.50 · total $31.50");
    for (let n = 7; n <= 12; n++) assert.doesNotMatch(options[n - 1], /interest-free/, `option ${n}`);
    await page.selectOption("#installments", "7");
    await page.waitForSelector('#summary-total[data-amount="31.50"]');
    assert.equal(await text(page, "#installments-detail"), "7 payments of $4.50; total $31.50, commission $1.50.");
    assert.equal(await page.locator("#summary-schedule li, #summary-schedule tr[data-number]").count() >= 7, true);
    await page.check('input[name="method"][value="paypal"]');
    await page.waitForSelector("#installments-field", { state: "hidden" });
    await page.waitForSelector('#summary-total[data-amount="30.00"]');
    await page.close();
  });

  test("an invalid choice shows its field error and blocks payment", async () => {
    const page = await openCheckout("us-admin");
    await chooseStarter(page);
    await page.fill("#add-seats", "20000");
    const error = page.locator('[data-error-for="subscription.addSeats"]');
    await error.waitFor({ state: "visible" });
    assert.match(await error.innerText(), /10,000/);
    assert.equal(await page.getAttribute("#add-seats", "aria-invalid"), "true");
    // The pay button stays enabled: a click takes the focus to the problem and lists it beside it.
    assert.equal(await page.isEnabled("#proceed"), true);
    await page.click("#proceed");
    assert.equal(await page.evaluate(() => document.activeElement.id), "add-seats");
    assert.match(await text(page, "#order-problems"), /10,000/);
    assert.equal(await page.locator("#success-dialog").isVisible(), false);
    await page.fill("#add-seats", "2");
    await error.waitFor({ state: "hidden" }).catch(async () => assert.equal((await error.innerText()).trim(), ""));
    assert.equal(await page.isEnabled("#proceed"), true);
    await page.close();
  });

  test("every control has a label, and the checkout works from the keyboard", async () => {
    const page = await openCheckout("br-admin");
    await page.click("#add-credits");
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input, select, textarea, button")]
        .filter((c) => !c.closest("[hidden]") && c.type !== "hidden")
        .filter((c) => {
          const named = c.getAttribute("aria-label") || c.getAttribute("aria-labelledby");
          const labelled = c.labels && c.labels.length > 0;
          const text = c.tagName === "BUTTON" && c.textContent.trim();
          return !(named || labelled || text);
        })
        .map((c) => c.id || c.name || c.outerHTML.slice(0, 60)),
    );
    assert.deepEqual(unlabelled, []);
    // Keyboard only: from the Growth radio, arrow keys choose Scale; Tab reaches the term.
    await page.focus('input[name="package"][value="growth"]');
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.isChecked('input[name="package"][value="scale"]'), true);
    await page.focus("#term");
    await page.keyboard.press("ArrowDown");
    await page.waitForSelector("#summary-total[data-amount]");
    // Scale is 200.00 a month; one step down the list from the 3-month minimum is 4 months.
    assert.equal(await page.getAttribute("#summary-total", "data-amount"), "800.00");
    await page.close();
  });

  test("signing out ends the session and shows the sign-in form; a wrong password is refused", async () => {
    const page = await openCheckout("us-admin");
    assert.match(await text(page, "#signed-in-user"), /Bob Miller · Northwind Inc\./);
    await page.click("#sign-out");
    await page.locator("#sign-in-form").waitFor({ state: "visible" });
    assert.equal(await page.isVisible("#workspace"), false);
    assert.equal((await page.request.get(`${base}/api/account`)).status(), 401);
    await page.fill("#sign-in-email", "bob@northwind.example");
    await page.fill("#sign-in-password", "not-the-password");
    await page.click("#sign-in-submit");
    await page.locator("#sign-in-error").waitFor({ state: "visible" });
    assert.equal(await text(page, "#sign-in-error"), "Wrong email or password.");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a member sees why they cannot buy", async () => {
    const page = await openCheckout("us-member");
    assert.equal(await page.isDisabled("#add-credits"), true);
    assert.match(await text(page, "#access-note"), /admin/i);
    await page.close();
  });

  test("a submitted order appears in Order history, with its PDF invoice", async () => {
    const page = await openCheckout("us-admin");
    await chooseStarter(page);
    await page.check("#want-invoice");
    await page.fill("#invoice-company", "Northwind Inc.");
    await page.selectOption("#invoice-country", "US");
    await page.fill("#invoice-address", "1 Main St, Springfield");
    await page.waitForSelector('#summary-total[data-amount="30.00"]');
    await page.click("#proceed");
    const dialog = page.locator("#success-dialog");
    await dialog.waitFor({ state: "visible" });
    const number = (await text(page, "#success-order-number")).replace(/\D/g, "");
    assert.ok(Number(number) >= 1);
    await page.keyboard.press("Escape");
    await page.click("#tab-orders");
    const row = page.locator(`#orders-table tr[data-order-number="${number}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /30\.00/);
    const href = await row.locator("a.invoice-link").getAttribute("href");
    // With the page's session cookie; anonymous 401, another account's 404.
    const pdf = await page.request.get(base + href);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()["content-type"], "application/pdf");
    assert.ok((await pdf.body()).subarray(0, 8).toString().startsWith("%PDF-"));
    assert.equal((await fetch(base + href)).status, 401);
    const other = await apiSession(base, "br-admin");
    assert.equal((await other.fetch(href)).status, 404);
    await page.close();
  });
});

describe("the API", () => {
  test("a tampered fingerprint posted straight to the API is refused", async () => {
    const api = await apiSession(base, "us-admin");
    const account = await api.json("/api/account");
    const order = {
      asOf: account.today, account: account.account,
      creditPackage: { id: "growth", months: 3 }, payment: { method: "card", installments: 1 },
    };
    const post = (fingerprint) =>
      api.fetch("/api/orders", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": `tampered-${fingerprint}` },
        body: JSON.stringify({ order, fingerprint }),
      });
    const refused = await post("0".repeat(64));
    assert.equal(refused.status, 409);
    const body = await refused.json();
    assert.equal(body.error.code, "FINGERPRINT_MISMATCH");
    // Growth: 100.00 a month x 3 = 300.00, less the unused part of the Starter the page test
    // bought (R16: 10.00 x (12/30 of the cycle to Jul 15 + 2 whole cycles to Sep 15) = 24.00):
    // 276.00, whatever the fingerprint said.
    assert.equal(body.error.serverTotal, "276.00");
    const { orders } = await api.json("/api/orders?limit=100");
    assert.ok(orders.every((o) => o.total !== "276.00"), "nothing was stored");
  });

  test("malformed, oversized and mistyped bodies get JSON errors", async () => {
    const api = await apiSession(base, "us-admin");
    let n = 0;
    const send = (body, type = "application/json") =>
      api.fetch("/api/orders", {
        method: "POST",
        headers: { "Content-Type": type, "Idempotency-Key": `bad-body-${++n}` },
        body,
      });
    const cases = [
      [await send("{ nope"), 400, "MALFORMED_JSON"],
      [await send("x".repeat(70_000)), 413, "BODY_TOO_LARGE"],
      [await send("{}", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE"],
      [await send(JSON.stringify({ accountId: "us-admin" })), 400, "INVALID_BODY"],
      [await send(JSON.stringify({ order: {}, fingerprint: "x", accountId: "br-admin" })), 400, "INVALID_BODY"],
    ];
    for (const [response, status, code] of cases) {
      assert.equal(response.status, status, code);
      assert.equal((await response.json()).error.code, code);
    }
  });
});
