// renewal() (R17), the credit line of a package change (R16) and display strings for negative
// amounts and refused locales, through the npm package built in pkg/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { root } from "./vectors.mjs";
import { displayMismatches } from "../matrix/display.mjs";

const { Checkout, CheckoutError } = await import(join(root, "pkg/node.js"));

const LOCALES = [
  "pt-BR", "en-US", "de-DE", "fr-FR", "es-ES", "en-IN", "hi-IN", "ja-JP", "ar-EG", "fa-IR", "he-IL",
  "pl-PL", "de-CH", "sv-SE", "ru-RU", "zh-CN", "th-TH", "pt-PT", "es-MX", "fr-CH", "bn-BD", "my-MM",
];
const usd = (locale) => new Intl.NumberFormat(locale, {
  style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2,
});

const account = (extra = {}) => ({
  country: "BR", role: "admin", plan: "advanced", seats: 1,
  subscription: { status: "active", termMonths: 12, periodStart: "2026-01-15", periodEnd: "2027-01-15" },
  autoRenewal: false,
  ...extra,
});
/** SPEC R16's example: Starter (10.00, to 2026-10-15) replaced by Growth for 4 months. */
const change = (locale) => ({
  asOf: "2026-07-03",
  account: account({ creditPackage: { id: "starter", creditsPerMonth: 5000, pricePerMonth: "10.00", start: "2026-05-20", end: "2026-10-15" } }),
  creditPackage: { id: "growth", months: 4 },
  payment: { method: "card", installments: 1 },
  locale,
});
/** SPEC R17's example: Growth to the period end, saved card in 10. */
const renewing = (locale, extra = {}) => ({
  asOf: "2026-12-01",
  account: account({
    autoRenewal: true,
    creditPackage: { id: "growth", creditsPerMonth: 50000, pricePerMonth: "100.00", start: "2026-07-03", end: "2027-01-15" },
    savedPayment: { method: "card", installments: 10 },
    ...extra,
  }),
  locale,
});

test("the credit line of a package change is written with Intl's own minus sign in every locale", () => {
  const checkout = new Checkout();
  for (const locale of LOCALES) {
    const quote = checkout.quote(change(locale));
    const [bought, credit] = quote.lines;
    assert.deepEqual([bought.kind, bought.amount, credit.kind, credit.amount, quote.total],
      ["credit_package", "400.00", "credit_package_unused", "-34.00", "366.00"]);
    assert.equal(credit.display, usd(locale).format("-34.00"), locale);
    assert.equal(bought.display, usd(locale).format("400.00"), locale);
    assert.equal(quote.display.total, usd(locale).format("366.00"), locale);
  }
  // The two examples the brief names, as Intl writes them here.
  assert.equal(checkout.quote(change("en-US")).lines[1].display, usd("en-US").format(-34));
  assert.match(checkout.quote(change("pt-BR")).lines[1].display, /^-US\$\s34,00$/);
});

test("display strings are Node's Intl text in every locale (test/matrix/display.mjs, also run in Chrome)", () => {
  assert.deepEqual(displayMismatches({ Checkout }), []);
});

test("a locale Intl refuses falls back to plain strings, negative amounts included", () => {
  const checkout = new Checkout();
  for (const locale of ["en_US", "", "x".repeat(100_000)]) {
    const quote = checkout.quote(change(locale));
    assert.equal(quote.display.total, "USD 366.00", JSON.stringify(locale.slice(0, 8)));
    assert.equal(quote.lines[1].display, "USD -34.00");
  }
  // No locale at all is the runtime's own, not the fallback.
  assert.equal(checkout.quote(change(undefined)).display.total, usd(undefined).format("366.00"));
});

test("renewal(): SPEC R17's example, 1,597.35 in 10 from the renewal date", () => {
  const r = new Checkout().renewal(renewing("pt-BR"));
  assert.equal(r.date, "2027-01-15");
  assert.deepEqual(r.lines.map((l) => [l.kind, l.amount, l.periodStart, l.periodEnd]), [
    ["subscription_renewal", "300.00", "2027-01-15", "2028-01-15"],
    ["credit_package_renewal", "1200.00", "2027-01-15", "2028-01-15"],
  ]);
  assert.deepEqual([r.subtotal, r.commission, r.total], ["1500.00", "97.35", "1597.35"]);
  assert.deepEqual(r.installments.schedule.map((d) => d.amount),
    [...Array(5).fill("159.74"), ...Array(5).fill("159.73")]);
  assert.deepEqual(r.installments.schedule.map((d) => d.dueDate).slice(0, 2), ["2027-01-15", "2027-02-15"]);
  assert.deepEqual(r.payment, { method: "card", chargedTo: "saved_card" });
  assert.equal(r.display.total, usd("pt-BR").format("1597.35"));
  assert.equal(r.display.installment, usd("pt-BR").format("159.74"));
  assert.match(r.fingerprint, /^[0-9a-f]{64}$/);
});

test("renewal() with auto-renewal off is empty and names the end dates", () => {
  const r = new Checkout().renewal(renewing("en-US", { autoRenewal: false }));
  assert.deepEqual(
    [r.date, r.lines, r.total, r.subscription, r.creditPackage, r.credits.totalPerMonth, r.installments.schedule],
    [null, [], "0.00", null, null, 0, []],
  );
  assert.deepEqual(r.notices.map((n) => n.code), ["AUTO_RENEWAL_OFF"]);
  assert.match(r.notices[0].message, /2027-01-15/);
  assert.equal(r.display.total, "$0.00");
});

test("renewal() failures are CheckoutErrors, and the instance keeps working", () => {
  const checkout = new Checkout();
  const bad = renewing("en-US", { subscription: { status: "expired" } });
  assert.throws(() => checkout.renewal(bad), (e) => e instanceof CheckoutError && e.code === "NO_ACTIVE_SUBSCRIPTION");
  assert.throws(() => checkout.renewal({ asOf: 20261201 }), (e) => e.code === "INVALID_INPUT" && e.field === "asOf");
  assert.throws(() => checkout.renewal(null), (e) => e.code === "INVALID_INPUT");
  assert.equal(checkout.renewal(renewing("en-US")).total, "1597.35");
});
