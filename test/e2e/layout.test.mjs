// Layout and controls: the pay button in view at every scroll position (desktop and phone), the
// Scale Custom amount typed and snapped, and the small fixes (narrow screens, focus halo, seats).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium, root, signIn, startBackend } from "../support.mjs";

const output = join(root, "test-output");
let server;
let base;
let browser;
let dataDir;

before(async () => {
  mkdirSync(output, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-layout-"));
  ({ base, process: server } = await startBackend(dataDir));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(account, { width = 1280, height = 800, locale = "en-US" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e));
  return signIn(page, base, account);
}

/** The longest summary: a renewal and a package paid in 12 installments. */
async function longOrder(page) {
  await page.click("#add-credits");
  await page.check('input[name="package"][value="starter"]');
  await page.check('input[name="method"][value="card"]');
  await page.check("#renew");
  await page.selectOption("#installments", "12");
  await page.waitForSelector("#summary-schedule li:nth-child(12)");
}

/** The pay button wholly inside the viewport and not covered by anything. */
async function payButtonInView(page) {
  await page.waitForTimeout(150); // the summary is fitted on the next frame
  return page.evaluate(() => {
    const b = document.getElementById("proceed").getBoundingClientRect();
    const inside = b.top >= 0 && b.left >= 0 && b.bottom <= innerHeight && b.right <= innerWidth && b.height > 0;
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return { inside, onTop: Boolean(hit?.closest("#proceed")), rect: [b.top, b.bottom, innerHeight] };
  });
}

describe("the pay button stays in reach", () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    test(`at ${viewport.width}x${viewport.height} with 12 installments and a renewal (${name})`, async () => {
      const page = await open("br-admin", viewport);
      await longOrder(page);
      const total = await page.locator("#summary-total").innerText();
      assert.match(total, /\$/);
      for (const where of ["checkout", "middle", "bottom"]) {
        await page.evaluate((w) => {
          const max = document.documentElement.scrollHeight - innerHeight;
          const y = w === "checkout" ? document.getElementById("checkout").offsetTop : w === "middle" ? max / 2 : max;
          window.scrollTo(0, y);
        }, where);
        const seen = await payButtonInView(page);
        assert.ok(seen.inside && seen.onTop, `${where}: ${JSON.stringify(seen)}`);
        assert.equal(await page.locator("#summary-total").isVisible(), true);
      }
      // Every schedule line can still be read: in the summary's own scroll on a desktop.
      await page.locator("#summary-schedule li:nth-child(12)").scrollIntoViewIfNeeded();
      assert.equal(await page.locator("#summary-schedule li:nth-child(12)").isVisible(), true);
      await page.screenshot({ path: join(output, `pay-in-view-${name}.png`) });
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  }

  test("an invoice without its details: the button stays enabled, a click shows and focuses the problem", async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const page = await open("br-admin", viewport);
      await longOrder(page);
      await page.check("#want-invoice");
      assert.equal(await page.isEnabled("#proceed"), true);
      await page.click("#proceed");
      assert.equal(await page.evaluate(() => document.activeElement.id), "invoice-company");
      const problems = page.locator("#order-problems");
      assert.match(await problems.innerText(), /company name/);
      assert.equal(await problems.isVisible(), true);
      assert.equal((await payButtonInView(page)).inside, true);
      await page.close();
    }
  });
});

describe("selects on a phone", () => {
  test("at 390 px the chosen installments and term show their amounts uncut", async () => {
    for (const locale of ["en-US", "pt-BR"]) {
      const page = await open("br-admin", { width: 390, height: 844, locale });
      await longOrder(page);
      const cut = await page.evaluate(() => {
        const canvas = document.createElement("canvas").getContext("2d");
        const money = /(US)?\$\s?[\d.,]+/g;
        return ["installments", "term"].flatMap((id) => {
          const select = document.getElementById(id);
          const style = getComputedStyle(select);
          canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = select.selectedOptions[0].textContent;
          // What must show: the text up to its last amount (a term's end date may be cut).
          const amounts = [...text.matchAll(money)];
          const last = amounts.at(-1);
          const needed = last ? text.slice(0, last.index + last[0].length) : text;
          // Room: the box less its padding and the arrow (about 1.5em).
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 1.5 * parseFloat(style.fontSize);
          return canvas.measureText(needed).width > room ? [`${id}: "${needed}"`] : [];
        });
      });
      assert.deepEqual(cut, [], locale);
      await page.close();
    }
  });
});

describe("Scale Custom", () => {
  test("typing 123456 snaps to 125,000 (the nearer step), 250.00 a month", async () => {
    const page = await open("us-admin");
    await page.click("#add-credits");
    await page.check('input[name="package"][value="scale_custom"]');
    await page.fill("#custom-credits", "123456");
    await page.press("#custom-credits", "Enter");
    assert.equal(await page.inputValue("#custom-credits"), "125,000");
    // 100,000 at 200.00, +10.00 per 5,000: 125,000 is 5 steps, 250.00 a month; 3 months 750.00.
    assert.match(await page.locator("#custom-price").innerText(), /\$250\.00/);
    await page.selectOption("#term", "3");
    await page.waitForSelector('#summary-total[data-amount="750.00"]');
    assert.match(await page.locator("#custom-status").innerText(), /125,000/);
    // Below the minimum goes to it; a preset sets its amount at once.
    await page.fill("#custom-credits", "5");
    await page.locator("#custom-credits").blur();
    assert.equal(await page.inputValue("#custom-credits"), "100,000");
    await page.click('#custom-presets button[data-credits="1000000"]');
    assert.equal(await page.inputValue("#custom-credits"), "1,000,000");
    await page.close();
  });
});

describe("small fixes", () => {
  test('"1e3" seats are refused, not read as 1,000', async () => {
    const page = await open("us-admin");
    await page.click("#add-credits");
    await page.fill("#add-seats", "1e3");
    const error = page.locator('[data-error-for="subscription.addSeats"]');
    await error.waitFor({ state: "visible" });
    assert.match(await error.innerText(), /whole number/);
    assert.equal(await page.getAttribute("#add-seats", "aria-invalid"), "true");
    assert.equal(await page.getAttribute("#err-subscription-addSeats", "aria-live"), "polite");
    await page.close();
  });

  test("paying in full shows no commission row", async () => {
    const page = await open("br-admin");
    await page.click("#add-credits");
    await page.check('input[name="package"][value="starter"]');
    await page.check('input[name="method"][value="card"]');
    await page.waitForSelector('#summary-total[data-amount="30.00"]');
    assert.equal(await page.locator("#summary-commission-row").isVisible(), false);
    await page.selectOption("#installments", "12");
    await page.waitForSelector("#summary-commission-row", { state: "visible" });
    await page.close();
  });

  test("a member has a way to ask an admin", async () => {
    const page = await open("us-member");
    const ask = page.locator("#ask-admin");
    assert.equal(await ask.isVisible(), true);
    assert.match(await ask.getAttribute("href"), /^mailto:\?subject=.+&body=.+/);
    await page.close();
  });

  test("a failed catalog load offers a retry that works", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let fail = true;
    await page.route("**/api/catalog", (route) => (fail ? route.abort("connectionrefused") : route.continue()));
    await signIn(page, base, "us-admin", { waitForAccount: false });
    await page.locator("#load-retry").waitFor({ state: "visible" });
    assert.match(await page.locator("#load-error").innerText(), /Could not reach the server/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "load-retry");
    fail = false;
    await page.click("#load-retry");
    await page.waitForSelector('body[data-account="us-admin"]');
    assert.equal(await page.locator("#load-error").isVisible(), false);
    await context.close();
  });

  test("the focus halo contrasts at least 3:1 with the page", async () => {
    const page = await open("us-admin");
    await page.focus("#add-credits");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const color = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      const shadow = s.boxShadow.match(/rgba?\([^)]*\)/)?.[0];
      return s.outlineStyle !== "none" && s.outlineWidth !== "0px" ? s.outlineColor : shadow;
    });
    const [r, g, b, a = 1] = color.match(/[\d.]+/g).map(Number);
    assert.equal(a, 1, `a solid halo, not ${color}`);
    const lum = (c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const l = 0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b);
    assert.ok((1.05) / (l + 0.05) >= 3, `contrast with white ${(1.05 / (l + 0.05)).toFixed(2)}`);
    await page.close();
  });

  test("at 320 px nothing scrolls sideways and amounts are not broken", async () => {
    for (const locale of ["en-US", "pt-BR"]) {
      const page = await open("br-admin", { width: 320, height: 640, locale });
      await longOrder(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `scrolls ${overflow}px sideways`);
      // Both tabs whole, not cut at the edge.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('[role="tab"]')]
          .filter((tab) => tab.getBoundingClientRect().right > innerWidth || tab.scrollWidth > tab.clientWidth)
          .map((tab) => tab.textContent.trim()),
      );
      assert.deepEqual(cut, []);
      // An amount on one line: its text's boxes all on one row.
      const broken = await page.evaluate(() =>
        [...document.querySelectorAll(".line-amount, .sched-amount, #summary-total, .choice-meta")]
          .filter((n) => {
            if (!n.classList.contains("choice-meta")) {
              const range = document.createRange();
              range.selectNodeContents(n);
              return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
            }
            // In longer texts, no number is cut in two: each figure's boxes on one row.
            return [...n.textContent.matchAll(/[\d$][\d.,$]*\d/g)].some((m) => {
              const range = document.createRange();
              range.setStart(n.firstChild, m.index);
              range.setEnd(n.firstChild, m.index + m[0].length);
              return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
            });
          })
          .map((n) => n.textContent),
      );
      assert.deepEqual(broken, []);
      await page.screenshot({ path: join(output, `checkout-320-${locale}.png`), fullPage: true });
      await page.close();
    }
  });
});
