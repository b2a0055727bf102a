// Screenshots of the checkout, to look at (no test compares them): the checkout at 1280x800 and
// 390x844 in English and Brazilian Portuguese, the card step, an order in 12 installments with a
// renewal and its pay button, the invoice details, and the invoice of a paid order in each language, rendered to PNG
// with PDF.js in the browser. Needs the built page and backend (`make www server`).
//
//   node scripts/screenshots.mjs [folder]      (default: test-output/screenshots)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fillCard, launchChromium, root, serveFiles, signIn, startBackend } from "../test/support.mjs";

const out = resolve(process.argv[2] ?? join(root, "test-output/screenshots"));
const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
// The browser's language picks the page's; Ana's account is Brazilian, Bob's American (README).
const LANGUAGES = { en: "en-US", "pt-BR": "pt-BR" };
const COMPANY = { en: "Northwind Traders – “West” LLC", "pt-BR": "Ação Soluções – “Conexão” Ltda" };
const ADDRESS = { en: "1 Main Street, Suite 5, Springfield, IL 62701", "pt-BR": "Rua Três Corações, 1.001 – 5º andar, São Paulo" };
const TAX_ID = { en: "EIN 12-3456789", "pt-BR": "12.345.678/0001-90" };

let browser;
let base;
const written = [];

/** A new browser context (empty storage) in `lang` at `width`, signed in as `account`. */
async function open(account, lang, width) {
  const context = await browser.newContext({ viewport: WIDTHS[width], locale: LANGUAGES[lang], deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`page error (${lang}, ${width}): ${e.message}`));
  await signIn(page, base, account);
  await page.click("#add-credits");
  await page.waitForSelector("#checkout:not([hidden])");
  await page.waitForSelector("#summary-total[data-amount]", { state: "attached" });
  return page;
}

async function shoot(page, name) {
  await page.waitForTimeout(400); // the smooth scroll and the summary's fit on the next frame
  const path = join(out, `${name}.png`);
  await page.screenshot({ path });
  written.push(path);
  await page.context().close();
}

/** The checkout as it opens: Bob's (US) in English, Ana's (Brazil) in Portuguese. */
async function checkout(lang, width) {
  const page = await open(lang === "en" ? "us-admin" : "br-admin", lang, width);
  await shoot(page, `checkout-${lang}-${width}`);
}

/** Ana pays a new package by card: the card form, filled, in the middle of the screen. */
async function cardStep(lang, width) {
  const page = await open("br-admin", lang, width);
  await page.check('input[name="package"][value="starter"]');
  await page.check('input[name="method"][value="card"]');
  await page.waitForSelector("#card-step:not([hidden])");
  await fillCard(page);
  await page.locator("#card-step").evaluate((node) => node.scrollIntoView({ block: "center" }));
  await shoot(page, `card-step-${lang}-${width}`);
}

/** The longest summary: a renewal and a package in 12 installments, the pay button in view. */
async function installments(lang, width) {
  const page = await open("br-admin", lang, width);
  await page.check('input[name="package"][value="starter"]');
  await page.check('input[name="method"][value="card"]');
  await page.check("#renew");
  await page.selectOption("#installments", "12");
  await page.waitForSelector("#summary-schedule li:nth-child(12)");
  await page.locator("#installments").evaluate((node) => node.scrollIntoView({ block: "center" }));
  await shoot(page, `installments-12-${lang}-${width}`);
}

/** The invoice details filled in (the longest labels are Portuguese), the tax id last. */
async function invoiceFields(lang, width) {
  const page = await open(lang === "en" ? "us-admin" : "br-admin", lang, width);
  await page.check("#want-invoice");
  await page.fill("#invoice-company", COMPANY[lang]);
  await page.fill("#invoice-address", ADDRESS[lang]);
  await page.fill("#invoice-tax-id", TAX_ID[lang]);
  await page.locator("#invoice-fields").evaluate((node) => node.scrollIntoView({ block: "center" }));
  await shoot(page, `invoice-fields-${lang}-${width}`);
}

/** An order with invoice details paid on the page; the invoice's PDF bytes (base64). */
async function paidInvoice(lang) {
  const page = await open(lang === "en" ? "us-admin" : "br-admin", lang, "desktop");
  if (lang === "en") {
    await page.check('input[name="package"][value="starter"]');
  } else {
    await page.check('input[name="package"][value="scale_custom"]');
    await page.check('input[name="method"][value="card"]');
    await page.check("#renew");
    await page.selectOption("#installments", "12");
  }
  await page.check("#want-invoice");
  await page.fill("#invoice-company", COMPANY[lang]);
  await page.fill("#invoice-address", ADDRESS[lang]);
  await page.fill("#invoice-tax-id", TAX_ID[lang]);
  if (await page.isVisible("#card-step")) await fillCard(page);
  await page.click("#proceed");
  await page.locator("#success-dialog").waitFor({ state: "visible" });
  const number = (await page.locator("#success-order-number").innerText()).replace(/\D/g, "");
  const pdf = await page.evaluate(async (n) => {
    const bytes = new Uint8Array(await (await fetch(`/api/orders/${n}/invoice.pdf`)).arrayBuffer());
    let text = "";
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, number);
  await page.context().close();
  return pdf;
}

/** Every page of a PDF as PNG data URLs, drawn by PDF.js at `scale` (2: 144 dpi). */
async function pdfPages(files, pdf, scale = 2) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${files.base}/node_modules/pdfjs-dist/package.json`); // any page of that origin
  const pages = await page.evaluate(
    async ({ pdf, scale }) => {
      const pdfjs = await import("/node_modules/pdfjs-dist/build/pdf.mjs");
      pdfjs.GlobalWorkerOptions.workerSrc = "/node_modules/pdfjs-dist/build/pdf.worker.mjs";
      const data = Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0));
      const doc = await pdfjs.getDocument({ data }).promise;
      const urls = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const pdfPage = await doc.getPage(n);
        const viewport = pdfPage.getViewport({ scale });
        const canvas = document.createElement("canvas");
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#fff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        await pdfPage.render({ canvasContext: ctx, viewport }).promise;
        urls.push(canvas.toDataURL("image/png"));
      }
      return urls;
    },
    { pdf, scale },
  );
  await context.close();
  return pages;
}

async function invoices() {
  const files = await serveFiles(["node_modules/pdfjs-dist/"]);
  try {
    for (const lang of Object.keys(LANGUAGES)) {
      const pages = await pdfPages(files, await paidInvoice(lang));
      pages.forEach((url, i) => {
        const path = join(out, `invoice-${lang}-page${i + 1}.png`);
        writeFileSync(path, Buffer.from(url.slice(url.indexOf(",") + 1), "base64"));
        written.push(path);
      });
    }
  } finally {
    files.close();
  }
}

async function main() {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "credit-checkout-screenshots-"));
  const backend = await startBackend(dir);
  base = backend.base;
  browser = await launchChromium();
  try {
    for (const lang of Object.keys(LANGUAGES)) {
      for (const width of Object.keys(WIDTHS)) {
        await checkout(lang, width);
        await cardStep(lang, width);
        await installments(lang, width);
        await invoiceFields(lang, width);
      }
    }
    // Last: paying changes the accounts the other screenshots show.
    await invoices();
  } finally {
    await browser.close();
    backend.process.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const path of written) console.log(path);
}

await main();
