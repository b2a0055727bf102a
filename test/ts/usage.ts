// Type-checked by `tsc --noEmit` in `make test`: the declarations of the package cover every
// input and output of SPEC 5, with nothing typed `any`, under `lib: ["ES2022"]` alone (no DOM,
// no esnext.disposable, no @types/node) and skipLibCheck false.
import { Checkout, CheckoutError, loadCheckout, version } from "credit-checkout";
import type {
  Account, Catalog, CheckoutErrorJSON, CreditCycle, ErrorCode, InstallmentOption, Installments, Order, Problem, Quote,
  QuoteLine, Renewal, RenewalRequest, ScheduledPayment, TermOption,
} from "credit-checkout";
import { loadCheckout as lazyLoad } from "credit-checkout/lazy";
import { CheckoutError as PlainError } from "credit-checkout/errors";
import type { Order as OrderAgain, Problem as ProblemAgain } from "credit-checkout/errors";

declare const console: { log(...values: unknown[]): void };

const order: Order = {
  asOf: "2026-07-03",
  account: {
    country: "BR", role: "admin", plan: "advanced", seats: 1,
    subscription: { status: "active", termMonths: 12, periodStart: "2026-01-15", periodEnd: "2027-01-15" },
    autoRenewal: false,
  },
  subscription: { renew: true },
  creditPackage: { id: "scale_custom", creditsPerMonth: 115000, months: 3 },
  payment: { method: "card", installments: 10 },
  invoice: { companyName: "Acme Ltda", country: "BR", address: "Rua X, 1" },
  locale: "pt-BR",
};

const checkout = new Checkout();
const custom: Checkout = new Checkout(checkout.catalog);
const catalog: Catalog = custom.catalog;
const quote: Quote = checkout.quote(order);
const total: string = quote.total;
const perMonth: number = quote.credits.totalPerMonth;
const kind:
  | "subscription_new" | "subscription_renewal" | "subscription_upgrade" | "subscription_seats" | "credit_package"
  | "credit_package_unused" | "credit_package_renewal" = quote.lines[0].kind;
const lineDisplay: string = quote.lines[0].display;
const due: string = quote.installments.schedule[0].dueDate;
const processor: string | null = quote.installments.processor;
const renews: boolean | undefined = quote.creditPackage?.renewsWithSubscription;
const reason: "subscription_action" | "unchanged" = quote.autoRenewal.reason;
const problems: Problem[] = checkout.validate(order);
const terms: TermOption[] = checkout.packageTerms(order);
const options: InstallmentOption[] = checkout.installmentOptions(order);
const ok: boolean = checkout.verify(order, quote.fingerprint);
const v: string = version();

try {
  checkout.quote(order);
} catch (e) {
  if (e instanceof CheckoutError) {
    const code: ErrorCode = e.code;
    const field: string = e.field;
    const all: Problem[] = e.problems;
    console.log(code, field, all.length);
  }
}

// The nested shapes by name.
const line: QuoteLine = quote.lines[0];
const plan: Installments = quote.installments;
const payment: ScheduledPayment | undefined = plan.schedule[0];
const cycle: CreditCycle | undefined = quote.credits.cycles[0];
const account: Account = order.account;

// R17: the next automatic charge of an account with a running package and a saved payment.
const request: RenewalRequest = {
  asOf: "2026-12-01",
  account: {
    ...order.account,
    autoRenewal: true,
    subscription: { status: "active", termMonths: 12, periodStart: "2026-01-15", periodEnd: "2027-01-15", anchorDay: 15 },
    creditPackage: { id: "growth", creditsPerMonth: 50000, pricePerMonth: "100.00", start: "2026-07-03", end: "2027-01-15" },
    savedPayment: { method: "card", installments: 10 },
  },
  locale: "pt-BR",
};
const renewal: Renewal = checkout.renewal(request);
const renewalDate: string | null = renewal.date;
const chargedTo: string = renewal.payment.chargedTo;
const renewedUntil: string | undefined = renewal.subscription?.periodEnd;
const renewalDue: string | undefined = renewal.installments.schedule[0]?.dueDate;
for (const n of renewal.notices) {
  if (n.code === "INSTALLMENTS_RESET" || n.code === "AUTO_RENEWAL_OFF" || n.code === "PACKAGE_NOT_RENEWED") {
    console.log(n.message);
  }
}
console.log(renewalDate, chargedTo, renewedUntil, renewalDue, renewal.display.total, lineDisplay);
// @ts-expect-error a renewal needs the account
checkout.renewal({ asOf: "2026-12-01" });

// An object literal keeps its literal types with `satisfies`, and is then an Order.
const literal = {
  asOf: "2026-07-03",
  account: { country: "US", role: "admin", plan: "advanced", seats: 1, autoRenewal: false,
             subscription: { status: "active", termMonths: 12, periodStart: "2026-01-15", periodEnd: "2027-01-15" } },
  creditPackage: { id: "starter", months: 3 },
  payment: { method: "card" },
} satisfies Order;
checkout.quote(literal);
// JSON read at run time is asserted.
const fromJson = JSON.parse("{}") as OrderAgain;
checkout.validate(fromJson);

// details follow the code.
for (const p of problems) {
  if (p.code === "CUSTOM_CREDITS_NOT_A_STEP") {
    const below: number = p.details.below;
    const above: number | undefined = p.details.above;
    console.log(below, above);
  } else if (p.code === "INSTALLMENTS_NOT_AVAILABLE") {
    const why: "country" | "method" = p.details.reason;
    console.log(why);
  } else if (p.code === "PACKAGE_TERM_TOO_SHORT") {
    const min: number = p.details.minMonths;
    const currentEnd: string | undefined = p.details.currentEnd;
    console.log(min, currentEnd);
  } else if (p.code === "PACKAGE_NOT_AN_UPGRADE") {
    const current: string = p.details.currentId;
    const price: string = p.details.currentPricePerMonth;
    console.log(current, price);
  } else if (p.code === "ALREADY_RENEWED") {
    const until: string = p.details.renewedUntil;
    console.log(until);
  } else if (p.code === "NOT_ADMIN") {
    // @ts-expect-error NOT_ADMIN has no details
    console.log(p.details.anything);
  }
}

// CheckoutError is constructible, survives JSON and structured clone through toJSON/from, and
// is the same whichever entry it comes from.
const made = new CheckoutError([{ code: "NOT_ADMIN", field: "account.role", message: "only an admin buys" }]);
const plain: CheckoutErrorJSON = made.toJSON();
const again: CheckoutError = CheckoutError.from(plain);
const fromList: PlainError = PlainError.from(again.problems);
const same: ProblemAgain[] = fromList.problems;
const withCause = new PlainError([{ code: "WASM_LOAD_FAILED", field: "", message: "404" }], { cause: new Error("404") });
console.log(made, again, same, withCause.cause);
// @ts-expect-error the details of a code are its own
new CheckoutError([{ code: "INSTALLMENTS_TOO_MANY", field: "", message: "", details: { below: 1 } }]);

// loadCheckout, from the main entry and from the lazy one.
async function lazily(): Promise<string> {
  try {
    const { Checkout: Engine, version: v2 } = await lazyLoad({ wasm: new Uint8Array(0) });
    const loaded = await loadCheckout();
    return new Engine().quote(order).total + v2() + new loaded.Checkout().catalog.version;
  } catch (e) {
    if (e instanceof CheckoutError && e.code === "WASM_LOAD_FAILED") return String(e.cause);
    throw e;
  }
}

// Misuse must not type-check: were anything `any`, these directives would be unused and fail.
// @ts-expect-error money is a string, never a number
const wrongTotal: number = quote.total;
// @ts-expect-error role is "admin" | "member"
const wrongRole: Order["account"]["role"] = "owner";
// @ts-expect-error an order needs a payment
const noPayment: Order = { asOf: "2026-07-03", account: order.account };
// @ts-expect-error unknown methods do not exist
checkout.quotes(order);
// @ts-expect-error quote takes an Order
checkout.quote({ asOf: 20260703 });

console.log(catalog, total, perMonth, kind, due, processor, renews, reason, problems, terms, options, ok, v);
console.log(wrongTotal, wrongRole, noPayment);
console.log(line, payment, cycle, account, lazily);
// @ts-expect-error Symbol.dispose is not declared without esnext.disposable
checkout[Symbol.dispose]();
