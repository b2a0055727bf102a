// TypeScript strict, skipLibCheck false, `lib` ES2022 alone, the package as installed (ESM).
import { Checkout, CheckoutError, type Order, type Problem, type QuoteLine } from "credit-checkout";
import { loadCheckout } from "credit-checkout/lazy";
import { CheckoutError as PlainError, type ErrorCode } from "credit-checkout/errors";

declare const console: { log(...values: unknown[]): void };

// An object literal with `satisfies`, and the same order read from JSON text.
const order = {
  asOf: "2026-07-03",
  account: {
    country: "US", role: "admin", plan: "advanced", seats: 1, autoRenewal: false,
    subscription: { status: "active", termMonths: 12, periodStart: "2026-01-15", periodEnd: "2027-01-15" },
  },
  creditPackage: { id: "starter", months: 3 },
  payment: { method: "card" },
} satisfies Order;
const parsed = JSON.parse(JSON.stringify(order)) as Order;

const lines: QuoteLine[] = new Checkout().quote(order).lines;
const problems: Problem[] = new Checkout().validate(parsed);
for (const p of problems) {
  if (p.code === "PACKAGE_TERM_EXCEEDS_SUBSCRIPTION") console.log(p.details.maxMonths + 1);
}
const code: ErrorCode = new PlainError([{ code: "EMPTY_ORDER", field: "", message: "nothing to buy" }]).code;
export async function load(): Promise<string> {
  try {
    const { Checkout: Loaded } = await loadCheckout();
    return new Loaded().quote(order).total;
  } catch (e) {
    return e instanceof CheckoutError ? e.code : "unknown";
  }
}
console.log(lines, code);
