// axe-core over every main state of the page, in English and in Brazilian Portuguese, on a
// desktop and a phone: no violation. Screenshots of the checkout go to test-output/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fillCard, launchChromium, root, signIn, startBackend, TEST_CARDS } from "../support.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const output = join(root, "test-output");
let server;
let base;
let browser;
let dataDir;

/** A backend over fresh demo data (a checkout run changes the account's running package). */
async function restart() {
  if (server) {
    server.removeAllListeners("exit");
    server.kill();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-axe-"));
  ({ base, process: server } = await startBackend(dataDir));
}

before(async () => {
  mkdirSync(output, { recursive: true });
  await restart();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.removeAllListeners("exit");
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Every axe violation on the page now, as "rule: target" lines. axe is injected as an inline
 * script, which the page's CSP forbids: the audit's contexts bypass it (`bypassCSP`).
 */
async function audit(page, state) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} (${v.help})`));
  });
  assert.deepEqual(violations, [], state);
}

async function open(account, locale, viewport) {
  const context = await browser.newContext({ viewport, locale, bypassCSP: true });
  const page = await context.newPage();
  return signIn(page, base, account);
}

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

for (const locale of ["en-US", "pt-BR"]) {
  describe(`axe finds no violation (${locale})`, () => {
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      test(`the checkout, from overview to order history (${device})`, async () => {
        await restart();
        const page = await open("br-admin", locale, viewport);
        await audit(page, "overview");
        await page.click("#add-credits");
        await page.check('input[name="package"][value="starter"]');
        await page.check('input[name="method"][value="card"]');
        // The first run pays the renewal: later ones find it already renewed.
        if (await page.isEnabled("#renew")) await page.check("#renew");
        // Later runs add a seat instead: a subscription action, so the card form is asked for.
        else await page.fill("#add-seats", "1");
        await page.selectOption("#installments", "12");
        await page.waitForSelector("#summary-schedule li:nth-child(12)");
        await page.waitForTimeout(200);
        await page.screenshot({ path: join(output, `checkout-${device}-${locale}.png`) });
        await audit(page, "a long order");
        await page.check('input[name="package"][value="scale_custom"]');
        await page.check("#want-invoice");
        await page.click("#proceed");
        await page.waitForTimeout(200);
        await page.screenshot({ path: join(output, `checkout-problems-${device}-${locale}.png`) });
        await audit(page, "problems beside the pay button");
        await page.fill("#invoice-company", "Acme Brasil Ltda.");
        assert.equal(await page.isVisible("#card-step"), true);
        await fillCard(page, "4242 4242 4242 4241", "01/26", "1");
        await page.click("#proceed");
        await page.waitForSelector("#err-card-number:not(:empty)");
        await audit(page, "the card step with its errors");
        await fillCard(page, TEST_CARDS.confirms);
        await page.click("#proceed");
        await page.locator("#confirm-dialog").waitFor({ state: "visible" });
        await audit(page, "the 3-D Secure dialog");
        await page.click("#confirm-ok");
        await page.locator("#success-dialog").waitFor({ state: "visible" });
        await page.screenshot({ path: join(output, `success-${device}-${locale}.png`) });
        await audit(page, "the success dialog");
        await page.click("#success-orders");
        await page.waitForSelector("#orders-body tr[data-order-number]");
        await page.click("#orders-body button[aria-expanded]");
        await page.screenshot({ path: join(output, `orders-${device}-${locale}.png`) });
        await audit(page, "the order history");
        await page.close();
      });
    }

    test("a member, an expired subscription, a lost answer, a failed load", async () => {
      const member = await open("us-member", locale, VIEWPORTS.desktop);
      await audit(member, "a member");
      await member.close();

      const expired = await open("expired", locale, VIEWPORTS.desktop);
      await expired.click("#add-credits");
      await expired.fill("#new-seats", "1e3");
      await expired.waitForSelector("#err-newSubscription-seats:not(:empty)");
      await audit(expired, "a new subscription with a field error");
      // A new subscription is charged to the chosen method: PayPal's approval window.
      await expired.fill("#new-seats", "1");
      await expired.check('input[name="method"][value="paypal"]');
      await expired.click("#proceed");
      await expired.locator("#paypal-dialog").waitFor({ state: "visible" });
      await audit(expired, "the PayPal approval window");
      await expired.click("#paypal-cancel");
      await expired.close();

      const billing = await open("us-admin", locale, VIEWPORTS.desktop);
      await billing.locator("#renewal-total").waitFor();
      await audit(billing, "the Billing tab with the renewal preview");
      await billing.click("#auto-renewal-switch");
      await billing.locator("#renewal-dialog").waitFor({ state: "visible" });
      await audit(billing, "the auto-renewal confirmation");
      await billing.click("#renewal-cancel");
      await billing.close();

      const lost = await open("us-admin", locale, VIEWPORTS.desktop);
      await lost.route("**/api/orders", (route) =>
        route.request().method() === "POST" ? route.abort("connectionreset") : route.continue(),
      );
      await lost.click("#add-credits");
      await lost.check('input[name="package"][value="starter"]');
      await lost.click("#proceed");
      await lost.locator("#attempt-retry").waitFor({ state: "visible" });
      await lost.screenshot({ path: join(output, `lost-answer-${locale}.png`) });
      await audit(lost, "a lost answer");
      await lost.close();

      const context = await browser.newContext({ locale, bypassCSP: true });
      const failed = await context.newPage();
      await failed.goto(`${base}/`);
      await failed.locator("#sign-in-form").waitFor({ state: "visible" });
      await audit(failed, "the sign-in form");
      await failed.click("#sign-in-submit"); // nothing entered: its error
      await failed.locator("#sign-in-error").waitFor({ state: "visible" });
      await audit(failed, "the sign-in form with an error");
      await signIn(failed, base, "us-admin");
      await failed.route("**/api/catalog", (route) => route.abort("connectionrefused"));
      await failed.reload();
      await failed.locator("#load-retry").waitFor({ state: "visible" });
      await audit(failed, "a failed load");
      await context.close();
    });
  });
}
