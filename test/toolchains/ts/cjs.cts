// The same package through `require` (TypeScript node16, a CommonJS file).
import checkout = require("credit-checkout");
import errors = require("credit-checkout/errors");

const error: errors.CheckoutError = new checkout.CheckoutError([{ code: "NOT_ADMIN", field: "account.role", message: "admins only" }]);
const total: string = new checkout.Checkout().quote({
  asOf: "2026-07-03",
  account: { country: "US", role: "admin", plan: "advanced", seats: 1, autoRenewal: false },
  payment: { method: "card" },
}).total;
export = { error, total };
