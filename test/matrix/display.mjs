// Display strings against Intl in the runtime at hand (Node or Chrome): the credit line of a
// package change (SPEC R16's example, -34.00) and the totals, in many locales, and the plain
// fallback for tags Intl refuses.

export const LOCALES = [
  "pt-BR", "en-US", "de-DE", "fr-FR", "es-ES", "en-IN", "hi-IN", "ja-JP", "ar-EG", "fa-IR", "he-IL",
  "pl-PL", "de-CH", "sv-SE", "ru-RU", "zh-CN", "th-TH", "pt-PT", "es-MX", "fr-CH", "bn-BD", "my-MM",
];

/** SPEC R16's example: Starter (10.00, to 2026-10-15) replaced by Growth for 4 months. */
export const changeOrder = (locale) => ({
  asOf: "2026-07-03",
  account: {
    country: "BR", role: "admin", plan: "advanced", seats: 1,
    subscription: { status: "active", termMonths: 12, periodStart: "2026-01-15", periodEnd: "2027-01-15" },
    autoRenewal: false,
    creditPackage: { id: "starter", creditsPerMonth: 5000, pricePerMonth: "10.00", start: "2026-05-20", end: "2026-10-15" },
  },
  creditPackage: { id: "growth", months: 4 },
  payment: { method: "card", installments: 1 },
  locale,
});

/** Every display string that differs from what this runtime's Intl writes; empty when none. */
export function displayMismatches(mod) {
  const checkout = new mod.Checkout();
  const out = [];
  const expect = (what, got, want) => {
    if (got !== want) out.push(`${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  };
  for (const locale of LOCALES) {
    const nf = new Intl.NumberFormat(locale, {
      style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2,
    });
    const quote = checkout.quote(changeOrder(locale));
    expect(`${locale} credit`, quote.lines[1].display, nf.format("-34.00"));
    expect(`${locale} package`, quote.lines[0].display, nf.format("400.00"));
    expect(`${locale} total`, quote.display.total, nf.format("366.00"));
  }
  for (const locale of ["en_US", ""]) {
    const quote = checkout.quote(changeOrder(locale));
    expect(`${JSON.stringify(locale)} credit`, quote.lines[1].display, "USD -34.00");
    expect(`${JSON.stringify(locale)} total`, quote.display.total, "USD 366.00");
  }
  return out;
}
