// Type-checked by `tsc --noEmit` in `make test`: the declarations of the package cover every
// input and output of SPEC 5, with nothing typed `any`.
import { Checkout, CheckoutError, version } from "credit-checkout";
import type { Catalog, ErrorCode, InstallmentOption, Order, Problem, Quote, TermOption } from "credit-checkout";

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
const kind: "subscription_new" | "subscription_renewal" | "subscription_upgrade" | "subscription_seats" | "credit_package" =
  quote.lines[0].kind;
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
