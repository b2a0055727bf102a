// The invoice and the receipt as a customer gets them: paid on the page, downloaded from the
// order history, their text read back with PDF.js, in English and in Brazilian Portuguese.
// The PDFs are kept in test-output/ (en-INV-000001.pdf, pt-BR-INV-000001.pdf...).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { apiSession, fillCardIfAsked, launchChromium, root, signIn, startBackend } from "../support.mjs";

const output = join(root, "test-output");
const COMPANY = "Ação Soluções – “Conexão” Ltda";
const ADDRESS = "Rua Três Corações, 1.001 – 5º andar, São Paulo";
let browser;
const backends = [];

before(async () => {
  mkdirSync(output, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const { process, dir } of backends) {
    process.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A backend of its own (an empty order store: each document is the first of its series). */
async function freshBackend() {
  const dir = mkdtempSync(join(tmpdir(), "credit-checkout-invoice-"));
  const { base, process } = await startBackend(dir);
  backends.push({ process, dir });
  return base;
}

/** The text of every page, blanks removed: a wrapped line joins the next without a space. */
async function pdfText(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, verbosity: 0 }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += content.items.map((item) => item.str).join("");
  }
  await doc.destroy();
  return squash(text);
}

const squash = (text) => text.replace(/\s+/gu, "");

function assertHas(text, expected) {
  for (const e of expected) assert.ok(text.includes(squash(e)), `${JSON.stringify(e)} not in ${text}`);
}

/** Pays on the page, opens the order history and downloads the order's document by its link. */
async function payAndDownload(page, linkText, lang) {
  await fillCardIfAsked(page);
  await page.click("#proceed");
  await page.locator("#success-dialog").waitFor({ state: "visible" });
  const number = (await page.locator("#success-order-number").innerText()).replace(/\D/g, "");
  await page.keyboard.press("Escape");
  await page.click("#tab-orders");
  const link = page.locator(`#orders-body tr[data-order-number="${number}"] a.invoice-link`);
  await link.waitFor();
  assert.equal(await link.innerText(), linkText);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = await download.path();
  const name = download.suggestedFilename();
  copyFileSync(path, join(output, `${lang}-${name}`));
  return { name, text: await pdfText(readFileSync(path)) };
}

async function starterOnUsAdmin(page, base) {
  await signIn(page, base, "us-admin");
  await page.click("#add-credits");
  await page.check('input[name="package"][value="starter"]');
  await page.selectOption("#term", "3");
  await page.waitForSelector('#summary-total[data-amount="30.00"]');
}

describe("the invoice and the receipt", () => {
  test("English: the invoice of an order with invoice details", async () => {
    const base = await freshBackend();
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await starterOnUsAdmin(page, base);
    await page.check("#want-invoice");
    await page.fill("#invoice-company", COMPANY);
    await page.selectOption("#invoice-country", "BR");
    await page.fill("#invoice-address", ADDRESS);
    // The tax id is the backend's (the library's order has none): checked by its rules first.
    await page.fill("#invoice-tax-id", "EIN 12-3456789 ".repeat(3));
    await page.click("#proceed");
    await page.waitForFunction(() => document.activeElement?.id === "invoice-tax-id");
    assert.match(await page.locator("#err-taxId").innerText(), /40 characters/);
    assert.equal(await page.locator("#invoice-tax-id").getAttribute("aria-invalid"), "true");
    await page.fill("#invoice-tax-id", "  EIN 12-3456789 ");
    await page.waitForFunction(() => document.getElementById("err-taxId").textContent === "");
    const { name, text } = await payAndDownload(page, "Invoice (PDF)", "en");
    assert.equal(name, "INV-000001.pdf");
    assertHas(text, [
      "Example CRM, Inc.", "Invoice", "INV-000001", "Issue date", "Jul 3, 2026", "BILL TO", COMPANY, ADDRESS,
      "Brazil", "Starter · 5,000 credits a month · 3 months", "Jul 3, 2026 – Sep 15, 2026", "$30.00",
      "Subtotal", "Total", "Card (saved)", "Paid in full", "Installment schedule", "1/1",
    ]);
    // In the buyer's block (after the company's name), trimmed; the seller's own is another.
    assertHas(text.slice(text.indexOf(squash(COMPANY))), ["Tax ID: EIN 12-3456789"]);
    assert.ok(!text.includes("saved_card") && !text.includes("?"), text);
    await context.close();
  });

  test("English: a receipt for an order without invoice details", async () => {
    const base = await freshBackend();
    const account = await (await apiSession(base, "us-admin")).json("/api/account");
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await starterOnUsAdmin(page, base);
    const { name, text } = await payAndDownload(page, "Receipt (PDF)", "en");
    assert.equal(name, "RCT-000001.pdf");
    // The demo account's name, without the note of its role: "Northwind Inc. · admin (US)".
    const customer = account.name.split(" · ")[0];
    assertHas(text, ["Receipt", "RCT-000001", "CUSTOMER", customer, "United States", "Card (saved)", "$30.00"]);
    assert.ok(!text.includes("INV-") && !text.includes("Invoice") && !text.includes("admin"), text);
    await context.close();
  });

  test("Brazilian Portuguese: 12 installments, a renewal and a Scale Custom package", async () => {
    const base = await freshBackend();
    const context = await browser.newContext({ locale: "pt-BR", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, base, "br-admin");
    await page.click("#add-credits");
    await page.check('input[name="package"][value="scale_custom"]');
    await page.check('input[name="method"][value="card"]');
    await page.check("#renew");
    await page.selectOption("#installments", "12");
    await page.check("#want-invoice");
    await page.fill("#invoice-company", COMPANY);
    await page.fill("#invoice-address", ADDRESS);
    await page.fill("#invoice-tax-id", "12.345.678/0001-90");
    await page.waitForSelector("#summary-total[data-amount]");
    const { name, text } = await payAndDownload(page, "Nota fiscal (PDF)", "pt-BR");
    assert.equal(name, "INV-000001.pdf");
    assertHas(text, [
      "Nota fiscal", "INV-000001", "Data de emissão", "3 de jul. de 2026", "CLIENTE", COMPANY, ADDRESS, "Brasil",
      "Período do serviço", "Scale Custom · 100.000 créditos por mês", "Renovação", "3 de jul. de 2026 –",
      "Comissão de parcelamento (7,49%)", "Cartão", "12 parcelas via Ebury", "Parcelas", "1/12", "12/12",
      "3 de jun. de 2027",
    ]);
    assertHas(text.slice(text.indexOf(squash(COMPANY))), ["Identificação fiscal: 12.345.678/0001-90"]);
    assert.match(text, /US\$\d{1,3}(\.\d{3})*,\d{2}/);
    for (const english of ["Invoice", "Card", "installments", "Jul3", "Paid"]) {
      assert.ok(!text.includes(english), `${english} in ${text}`);
    }
    assert.deepEqual(text.match(/(?<!US)\$/g) ?? [], [], "one money format");
    await context.close();
  });
});
