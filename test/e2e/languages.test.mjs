// English and Brazilian Portuguese: the pt-BR page has no English string and one number format;
// the two languages have the same texts; the user's choice wins over the browser's and stays.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiSession, fillCard, fillCardIfAsked, launchChromium, root, signIn, startBackend } from "../support.mjs";

const dictionaries = async (lang) => {
  const main = (await import(join(root, `www/src/i18n/${lang}.js`))).default;
  const problems = (await import(join(root, `www/src/i18n/${lang}-problems.js`))).default;
  return { ...main, ...problems };
};

// Names that are the same in both languages: brand, catalog, processor and account names, and
// each language's own name in the language switch ("English" is offered as English).
const PROPER = /Switch to English|English|Credit Checkout|Scale Custom|Starter|Growth|Scale|Advanced|Basic|Business|Pro|PayPal|Ebury|Acme[^\n]*|Northwind[^\n]*/g;

/** Every English word of four letters or more in en.js that pt-BR.js never uses. */
async function englishWords() {
  const sample = new Proxy({}, { get: () => 2 });
  const words = (dict) => {
    const out = new Set();
    for (const value of Object.values(dict)) {
      let text = value;
      if (typeof value === "function") {
        try {
          text = value(sample);
        } catch {
          continue;
        }
      }
      for (const w of String(text).replace(PROPER, " ").toLowerCase().match(/\p{L}{4,}/gu) ?? []) out.add(w);
    }
    return out;
  };
  const en = words(await dictionaries("en"));
  const pt = words(await dictionaries("pt-BR"));
  return [...en].filter((w) => !pt.has(w));
}

let server;
let base;
let browser;
let dataDir;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-lang-"));
  ({ base, process: server } = await startBackend(dataDir));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** What a reader (or a screen reader) gets from the page: visible text, options, labels, title. */
function pageText(page) {
  return page.evaluate(() => {
    const visible = (n) => !n.closest("[hidden]") && n.getClientRects().length > 0;
    const parts = [document.title, document.body.innerText];
    for (const select of document.querySelectorAll("select")) {
      if (visible(select)) parts.push(...[...select.options].map((o) => o.textContent));
    }
    for (const n of document.querySelectorAll("[aria-label], [placeholder], [data-label]")) {
      if (visible(n) || n.matches("td")) parts.push(n.getAttribute("aria-label") ?? "", n.getAttribute("placeholder") ?? "", n.dataset.label ?? "");
    }
    // Intl puts no-break spaces in money and times: read them as spaces.
    return parts.join("\n").replace(/[\u00a0\u202f]/g, " ");
  });
}

/** The Brazilian account's checkout with most of it on screen: renewal, 12 installments, invoice. */
async function fullCheckout(page) {
  await signIn(page, base, "br-admin");
  await page.click("#add-credits");
  await page.check('input[name="package"][value="scale_custom"]');
  await page.check('input[name="method"][value="card"]');
  await page.check("#renew");
  await page.selectOption("#installments", "12");
  await page.check("#want-invoice");
  await page.click("#proceed"); // the missing company name: its error, listed beside the button
  await page.waitForSelector("#summary-total[data-amount]");
}

/** The demo accounts' names are data, not the page's words. */
let accountNames = [];

function checkPortuguese(text, english) {
  let bare = text.replace(PROPER, " ");
  for (const name of accountNames) bare = bare.replaceAll(name, " ");
  const found = english.filter((w) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, "iu").test(bare));
  assert.deepEqual(found, [], "English words on the pt-BR page");
  // One number format: pt-BR groups with "." and has "," decimals; money is "US$ 1.234,56".
  assert.deepEqual(text.match(/\d,\d{3}(?!\d)/g) ?? [], [], "en-US digit grouping");
  assert.deepEqual(text.match(/\d\.\d{1,2}(?!\d)/g) ?? [], [], "en-US decimals");
  assert.deepEqual(text.match(/USD|(?<!US)\$/g) ?? [], [], "another money format");
  assert.deepEqual(text.match(/\b(Jan|Feb|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d/g) ?? [], [], "English dates");
  assert.match(text, /US\$ \d{1,3}(\.\d{3})*,\d{2}/);
}

describe("languages", () => {
  test("English and Portuguese have the same texts", async () => {
    const en = Object.keys(await dictionaries("en")).sort();
    const pt = Object.keys(await dictionaries("pt-BR")).sort();
    assert.deepEqual(pt, en);
  });

  test("every notice the engine gives has its text in both languages", async () => {
    // The codes as the engine's rules write them: notice("CODE", ...).
    const sources = readdirSync(join(root, "src/rules"), { recursive: true }).filter((f) => f.endsWith(".rs"));
    const codes = new Set();
    for (const file of sources) {
      const text = readFileSync(join(root, "src/rules", file), "utf8");
      for (const m of text.matchAll(/notice\(\s*"([A-Z_]+)"/g)) codes.add(m[1]);
    }
    assert.ok(codes.has("USES_SAVED_CARD") && codes.size >= 8, [...codes].join(" "));
    // Shown in words elsewhere: the next reset in the summary, the end in the renewal preview.
    const elsewhere = new Set(["UNUSED_CREDITS_EXPIRE", "AUTO_RENEWAL_OFF"]);
    for (const lang of ["en", "pt-BR"]) {
      const dict = await dictionaries(lang);
      const missing = [...codes].filter((c) => !elsewhere.has(c) && !(`notice.${c}` in dict));
      assert.deepEqual(missing, [], `notices without a ${lang} text`);
    }
  });

  test("the sign-in form has no English string on the pt-BR page", async () => {
    const english = await englishWords();
    const context = await browser.newContext({ locale: "pt-BR" });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.locator("#sign-in-form").waitFor({ state: "visible" });
    await page.click("#sign-in-submit"); // nothing entered: its error too
    await page.locator("#sign-in-error").waitFor({ state: "visible" });
    assert.equal(await page.locator("#sign-in-submit").innerText(), "Entrar");
    const bare = (await pageText(page)).replace(PROPER, " ");
    const found = english.filter((w) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, "iu").test(bare));
    assert.deepEqual(found, [], "English words on the pt-BR sign-in form");
    await context.close();
  });

  test("the pt-BR page has no English string and one number format", async () => {
    const english = await englishWords();
    // The account's name and its user's, as the top bar shows them.
    const account = await (await apiSession(base, "br-admin")).json("/api/account");
    accountNames = [account.name, account.user.name];
    assert.ok(english.length > 100, `${english.length} English words to look for`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "pt-BR" });
    const page = await context.newPage();
    await fullCheckout(page);
    assert.equal(await page.getAttribute("html", "lang"), "pt-BR");
    assert.match(await page.locator("#proceed").innerText(), /^Pagar US\$\s\d{1,3}(\.\d{3})*,\d{2}$/);
    checkPortuguese(await pageText(page), english);
    // Too short for the word list: the card's expiry hint in Portuguese (mês/ano), as its label.
    assert.equal(await page.getAttribute("#card-expiry", "placeholder"), "MM/AA");

    // Paid, then the dialog and the order history (dates and times in the user's zone).
    await page.fill("#invoice-company", "Acme Brasil Ltda.");
    await fillCard(page);
    await page.click("#proceed");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    checkPortuguese(await pageText(page), english);
    await page.click("#success-orders");
    await page.waitForSelector("#orders-body tr[data-order-number]");
    // The order's lines, from its stored quote, in Portuguese too.
    await page.click("#orders-body tr[data-order-number] button[aria-expanded]");
    await page.waitForSelector(".order-lines li");
    assert.match(await page.locator(".order-lines").first().innerText(), /créditos por mês/);
    checkPortuguese(await pageText(page), english);
    await context.close();
  });

  test("order times are shown in the user's time zone", async () => {
    const context = await browser.newContext({ locale: "pt-BR", timezoneId: "America/Sao_Paulo" });
    const page = await context.newPage();
    await signIn(page, base, "br-admin");
    await page.click("#tab-orders");
    await page.waitForSelector("#orders-body tr[data-order-number]");
    const { orders } = await (await apiSession(base, "br-admin")).json("/api/orders?limit=100");
    const first = orders.find((o) => String(o.number) === "1") ?? orders[0];
    const created = new Date(first.createdAt);
    // São Paulo is UTC-3 all year (no summer time since 2019).
    const hour = String((created.getUTCHours() + 21) % 24).padStart(2, "0");
    const minute = String(created.getUTCMinutes()).padStart(2, "0");
    const cell = await page.locator(`tr[data-order-number="${first.number}"] td:nth-child(2)`).innerText();
    assert.match(cell, new RegExp(`${hour}:${minute}`));
    assert.match(cell, /BRT|GMT-3/);
    await context.close();
  });

  test("the language switch wins over the browser's, is remembered, and sets the quote's locale", async (t) => {
    // A backend of its own: the shared one's Brazilian account already runs the package this
    // test buys, and a package is sold once (R16).
    const dir = mkdtempSync(join(tmpdir(), "credit-checkout-lang-switch-"));
    const { base, process: own } = await startBackend(dir);
    t.after(() => {
      own.kill();
      rmSync(dir, { recursive: true, force: true });
    });
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await signIn(page, base, "br-admin");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    // The Brazilian account suggests Portuguese.
    await page.locator("#language-suggestion").waitFor({ state: "visible" });
    assert.match(await page.locator("#language-suggestion").innerText(), /Brazil/);
    assert.equal(await page.locator("#language-suggestion-accept").innerText(), "Mudar para português");
    await page.selectOption("#language-select", "pt-BR");
    assert.equal(await page.locator("#add-credits").innerText(), "Adicionar créditos");
    assert.equal(await page.locator("#language-suggestion").isVisible(), false);
    await page.click("#add-credits");
    await page.check('input[name="package"][value="starter"]');
    await page.selectOption("#term", "3");
    await page.waitForSelector('#summary-total[data-amount="30.00"]');
    assert.equal(await page.locator("#summary-total").innerText(), "US$\u00a030,00");
    let posted;
    await page.route("**/api/orders", (route) => {
      if (route.request().method() === "POST") posted = route.request().postDataJSON();
      return route.continue();
    });
    await fillCardIfAsked(page);
    await page.click("#proceed");
    await page.locator("#success-dialog").waitFor({ state: "visible" });
    assert.equal(posted.order.locale, "pt-BR");
    await page.reload();
    await page.waitForSelector('body[data-account="br-admin"]');
    assert.equal(await page.getAttribute("html", "lang"), "pt-BR");
    assert.equal(await page.inputValue("#language-select"), "pt-BR");
    await context.close();
  });
});
