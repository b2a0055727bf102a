// The bad-input matrix: hostile and malformed input through the public JS API, the same cases in
// Node (test/node/matrix.test.mjs) and in headless Chrome (test/e2e/runtimes.test.mjs). Each case
// must end in a CheckoutError with the expected code and field path; afterwards Object.prototype
// is untouched and the same instance still quotes a valid order correctly.

export const seedOrder = () => ({
  asOf: "2026-07-03",
  locale: "pt-BR",
  account: {
    country: "BR", role: "admin", plan: "advanced", seats: 1,
    subscription: { status: "active", termMonths: 12, periodStart: "2026-01-15", periodEnd: "2027-01-15" },
    autoRenewal: false,
  },
  creditPackage: { id: "starter", months: 3 },
  payment: { method: "card", installments: 1 },
});

/** The seed order with `path` set to `value` (or removed when `value` is `REMOVE`). */
const REMOVE = Symbol("remove");
const set = (path, value) => () => {
  const order = seedOrder();
  const keys = path.split(".");
  const last = keys.pop();
  let target = order;
  for (const k of keys) target = target[k] ??= {};
  if (value === REMOVE) delete target[last];
  else target[last] = typeof value === "function" && value.fresh ? value() : value;
  return order;
};
const fresh = (make) => Object.assign(make, { fresh: true });
const withInvoice = (field, value) => () => {
  const order = seedOrder();
  order.invoice = { companyName: "Acme Ltda", country: "BR", address: "Rua X, 1", [field]: value };
  return order;
};
const long = "x".repeat(100_000);
/** A proxy whose every prototype lookup throws another such proxy. */
const trapping = () => new Proxy({}, { getPrototypeOf() { throw trapping(); } });

const I = "INVALID_INPUT";
const F = "INVALID_FIELD";

/** [name, () => order, code, field (a string, or a RegExp for deep paths)] */
export const orderCases = [
  // Dates: malformed, impossible, out of range, datetimes, wrong types.
  ["asOf a number", set("asOf", 20260703), I, "asOf"],
  ["asOf a Date", set("asOf", fresh(() => new Date(Date.UTC(2026, 6, 3)))), I, "asOf"],
  ["asOf February 30", set("asOf", "2026-02-30"), I, "asOf"],
  ["asOf not zero-padded", set("asOf", "2026-7-3"), I, "asOf"],
  ["asOf year 0", set("asOf", "0000-07-03"), I, "asOf"],
  ["asOf year 10000", set("asOf", "10000-07-03"), I, "asOf"],
  ["asOf a datetime", set("asOf", "2026-07-03T00:00:00Z"), I, "asOf"],
  ["asOf empty", set("asOf", ""), I, "asOf"],
  ["periodStart February 29 in a common year", set("account.subscription.periodStart", "2027-02-29"), I, "account.subscription.periodStart"],
  // Numbers: every way a count can be wrong.
  ["seats a string", set("account.seats", "1"), I, "account.seats"],
  ["seats NaN", set("account.seats", NaN), I, "account.seats"],
  ["seats Infinity", set("account.seats", Infinity), I, "account.seats"],
  ["seats -Infinity", set("account.seats", -Infinity), I, "account.seats"],
  ["seats 1e308", set("account.seats", 1e308), I, "account.seats"],
  ["seats 2^53+1", set("account.seats", 2 ** 53 + 1), I, "account.seats"],
  ["seats negative", set("account.seats", -1), I, "account.seats"],
  ["seats fractional", set("account.seats", 1.5), I, "account.seats"],
  ["seats -0 (zero seats)", set("account.seats", -0), F, "account.seats"],
  ["seats 0", set("account.seats", 0), F, "account.seats"],
  ["seats a BigInt", set("account.seats", 10n), I, "account.seats"],
  ["seats a function", set("account.seats", fresh(() => () => 1)), I, "account.seats"],
  ["seats a symbol", set("account.seats", Symbol("seats")), I, "account.seats"],
  ["seats null", set("account.seats", null), I, "account.seats"],
  ["seats undefined", set("account.seats", undefined), I, "account.seats"],
  ["seats an array", set("account.seats", fresh(() => [1])), I, "account.seats"],
  ["seats an object", set("account.seats", fresh(() => ({ value: 1 }))), I, "account.seats"],
  ["seats true", set("account.seats", true), I, "account.seats"],
  ["months negative", set("creditPackage.months", -3), I, "creditPackage.months"],
  ["months fractional", set("creditPackage.months", 2.5), I, "creditPackage.months"],
  ["months 0", set("creditPackage.months", 0), "PACKAGE_TERM_TOO_SHORT", "creditPackage.months"],
  ["months 2^32", set("creditPackage.months", 2 ** 32), I, "creditPackage.months"],
  ["creditsPerMonth 2^53+1", set("creditPackage.creditsPerMonth", 2 ** 53 + 1), I, "creditPackage.creditsPerMonth"],
  ["creditsPerMonth a string", set("creditPackage.creditsPerMonth", "5000"), I, "creditPackage.creditsPerMonth"],
  ["installments 1e308", set("payment.installments", 1e308), I, "payment.installments"],
  ["installments -0 (zero)", set("payment.installments", -0), F, "payment.installments"],
  ["installments NaN", set("payment.installments", NaN), I, "payment.installments"],
  ["installments 13", set("payment.installments", 13), "INSTALLMENTS_TOO_MANY", "payment.installments"],
  // Other wrong types.
  ["autoRenewal a string", set("account.autoRenewal", "false"), I, "account.autoRenewal"],
  ["autoRenewal 0", set("account.autoRenewal", 0), I, "account.autoRenewal"],
  ["role unknown", set("account.role", "owner"), I, "account.role"],
  ["role null", set("account.role", null), I, "account.role"],
  ["status unknown", set("account.subscription.status", "paused"), I, "account.subscription.status"],
  ["method a number", set("payment.method", 42), I, "payment.method"],
  ["upgradeTo an object", set("subscription.upgradeTo", fresh(() => ({ id: "enterprise" }))), I, "subscription.upgradeTo"],
  // Missing and extra fields.
  ["payment missing", set("payment", REMOVE), I, "payment"],
  ["account missing", set("account", REMOVE), I, "account"],
  ["asOf missing", set("asOf", REMOVE), I, "asOf"],
  ["package id missing", set("creditPackage.id", REMOVE), I, "creditPackage.id"],
  ["extra top-level key", set("coupon", "FREE"), I, "coupon"],
  ["typo installment", () => { const o = seedOrder(); delete o.payment.installments; o.payment.installment = 7; return o; }, I, "payment.installment"],
  ["own __proto__ key", () => JSON.parse(JSON.stringify(seedOrder()).replace('"account":{', '"account":{"__proto__":{"role":"admin"},')), I, "account.__proto__"],
  ["own constructor key", set("constructor", fresh(() => ({ prototype: { polluted: true } }))), I, "constructor"],
  ["key with a dot", set("payment.a.b", 1), I, 'payment.a'],
  ["odd key quoted", () => { const o = seedOrder(); o.payment["p[0]"] = 1; return o; }, I, 'payment["p[0]"]'],
  ["inherited fields are not read", () => { const o = seedOrder(); o.account = Object.assign(Object.create({ role: "admin" }), { ...o.account }); return o; }, I, "account"],
  // null and undefined where objects belong.
  ["order null", () => null, I, ""],
  ["order undefined", () => undefined, I, ""],
  ["account null", set("account", null), I, "account"],
  ["payment null", set("payment", null), I, "payment"],
  ["account.subscription null", set("account.subscription", null), "NO_ACTIVE_SUBSCRIPTION", "account.subscription.status"],
  ["package null and nothing else", set("creditPackage", null), "EMPTY_ORDER", ""],
  ["subscription all null and no package", () => { const o = seedOrder(); delete o.creditPackage; o.subscription = { renew: null, upgradeTo: null, addSeats: null }; return o; }, "EMPTY_ORDER", ""],
  // Not an order at all.
  ["order a number", () => 42, I, ""],
  ["order a string", () => "order", I, ""],
  ["order an array", () => [seedOrder()], I, ""],
  ["order true", () => true, I, ""],
  ["order a function", () => () => seedOrder(), I, ""],
  ["order a Map", () => new Map(Object.entries(seedOrder())), I, ""],
  ["order a symbol", () => Symbol("order"), I, ""],
  ["order a BigInt", () => 1n, I, ""],
  // Strings: huge, unpaired surrogates.
  ["company name of 100,000 characters", withInvoice("companyName", long), F, "invoice.companyName"],
  ["address of 100,000 characters", withInvoice("address", long), F, "invoice.address"],
  ["company name blank", withInvoice("companyName", "   "), F, "invoice.companyName"],
  ["company name with an unpaired high surrogate", withInvoice("companyName", "\uD800Acme"), I, "invoice.companyName"],
  ["address with an unpaired low surrogate", withInvoice("address", "Rua \uDC00 1"), I, "invoice.address"],
  ["invoice country lower case", withInvoice("country", "br"), F, "invoice.country"],
  ["account country of 100,000 characters", set("account.country", long), F, "account.country"],
  ["locale a number", set("locale", 7), I, "locale"],
  // The account's running package, saved payment and anchor day (R16, R6, R3).
  ["account package price a number", set("account.creditPackage", { id: "growth", creditsPerMonth: 50000, pricePerMonth: 100, start: "2026-05-20", end: "2026-10-15" }), I, "account.creditPackage.pricePerMonth"],
  ["account package end a datetime", set("account.creditPackage", { id: "growth", creditsPerMonth: 50000, pricePerMonth: "100.00", start: "2026-05-20", end: "2026-10-15T00:00:00Z" }), I, "account.creditPackage.end"],
  ["saved installments a string", set("account.savedPayment", { method: "card", installments: "3" }), I, "account.savedPayment.installments"],
  ["anchorDay a string", set("account.subscription.anchorDay", "15"), I, "account.subscription.anchorDay"],
  ["anchorDay 0", set("account.subscription.anchorDay", 0), F, "account.subscription.anchorDay"],
  // Shapes that used to trap or escape: cycles, depth, throwing getters, proxies.
  ["a cycle", () => { const o = seedOrder(); o.account.self = o.account; return o; }, I, /^account(\.self)+/],
  ["nesting 1,000 deep", () => { const o = seedOrder(); let d = {}; o.invoice = d; for (let i = 0; i < 1000; i++) d = d.a = {}; return o; }, I, /^invoice(\.a)+$/],
  ["a getter that throws", () => { const o = seedOrder(); Object.defineProperty(o, "payment", { enumerable: true, get() { throw new Error("boom"); } }); return o; }, I, "payment"],
  ["a proxy that throws", () => new Proxy(seedOrder(), { ownKeys() { throw new Error("boom"); } }), I, ""],
  ["a revoked proxy", () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; }, I, ""],
  ["a revoked proxy inside", () => { const o = seedOrder(); const r = Proxy.revocable({}, {}); r.revoke(); o.account = r.proxy; return o; }, I, "account"],
  ["a proxy whose prototype trap throws", () => { const o = seedOrder(); o.payment = new Proxy({}, { getPrototypeOf() { throw new Error("boom"); } }); return o; }, I, "payment"],
  ["an array item whose getter throws", () => { const o = seedOrder(); const a = [1, 2]; Object.defineProperty(a, 1, { get() { throw new Error("boom"); } }); o.junk = { list: a }; return o; }, I, "junk.list[1]"],
  // What a getter throws is never looked at: a thrown proxy's traps would run (and could throw).
  ["an array item whose getter throws a trapping proxy", () => { const o = seedOrder(); const a = [1, 2]; Object.defineProperty(a, 1, { get() { throw trapping(); } }); o.junk = { list: a }; return o; }, I, "junk.list[1]"],
  ["a getter that throws a trapping proxy", () => { const o = seedOrder(); Object.defineProperty(o, "payment", { enumerable: true, get() { throw trapping(); } }); return o; }, I, "payment"],
  ["nine million shared values in a small object", () => { const o = seedOrder(); const row = Array(3000).fill(0); o.junk = Array(3000).fill(row); return o; }, I, /^junk/],
];

/** [name, () => catalog, field] : every one is INVALID_CATALOG. */
export const catalogCases = (defaults) => {
  const edit = (f) => () => { const c = structuredClone(defaults); f(c); return c; };
  return [
    ["catalog a string", () => "catalog", ""],
    ["catalog an array", () => [], ""],
    ["catalog empty", () => ({}), "version"],
    ["catalog minorUnits 9", edit((c) => (c.minorUnits = 9)), "minorUnits"],
    ["catalog price NaN", edit((c) => (c.plans[0].seatPricePerMonth = NaN)), "plans[0].seatPricePerMonth"],
    ["catalog price negative", edit((c) => (c.plans[0].seatPricePerMonth = "-1.00")), "plans[0].seatPricePerMonth"],
    ["catalog duplicate package id", edit((c) => (c.creditPackages[1].id = "starter")), "creditPackages[1].id"],
    ["catalog unknown commission model", edit((c) => (c.installments.commission.model = "flat")), "installments.commission.model"],
    ["catalog plan whose getter throws", edit((c) => Object.defineProperty(c.plans, 0, { get() { throw trapping(); } })), "plans[0]"],
    ["catalog own __proto__ key", () => JSON.parse(JSON.stringify(defaults).replace("{", '{"__proto__":{"x":1},')), "__proto__"],
  ];
};

function snapshot() {
  return [Object.prototype, Array.prototype, Function.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(","))
    .join("|");
}

/** Runs every case against `mod` (the package's exports); returns what happened. */
export function runMatrix(mod) {
  const { Checkout, CheckoutError } = mod;
  const before = snapshot();
  const checkout = new Checkout();
  const results = [];
  const expectError = (name, run, code, field) => {
    let got;
    try {
      run();
      got = { code: "(no error)", field: "" };
    } catch (e) {
      got = e instanceof CheckoutError
        ? { code: e.code, field: e.field, problems: Array.isArray(e.problems) && e.problems.length > 0 }
        : { code: `(not a CheckoutError: ${e})`, field: "" };
    }
    const fieldOk = field instanceof RegExp ? field.test(got.field) : got.field === field;
    results.push({ name, ok: got.code === code && fieldOk && got.problems === true, got, code, field: String(field) });
  };
  for (const [name, make, code, field] of orderCases) {
    expectError(name, () => checkout.quote(make()), code, field);
    // validate() never throws and reports the same first problem.
    const problems = checkout.validate(make());
    const first = problems[0] ?? {};
    const fieldOk = field instanceof RegExp ? field.test(first.field) : first.field === field;
    results.push({ name: `validate: ${name}`, ok: first.code === code && fieldOk, got: first, code, field: String(field) });
  }
  const defaults = checkout.catalog;
  for (const [name, make, field] of catalogCases(defaults)) {
    expectError(name, () => new Checkout(make()), "INVALID_CATALOG", field);
  }
  expectError("verify with a number as fingerprint", () => checkout.verify(seedOrder(), 42), "INVALID_INPUT", "fingerprint");
  const quote = checkout.quote(seedOrder());
  const polluted = ({}).polluted !== undefined || ({}).role !== undefined || ({}).x !== undefined;
  return {
    cases: orderCases.length + catalogCases(defaults).length + 1,
    results,
    prototypeUntouched: before === snapshot() && !polluted,
    finalQuote: { total: quote.total, credits: quote.credits.totalPerMonth, fingerprint: quote.fingerprint },
  };
}
