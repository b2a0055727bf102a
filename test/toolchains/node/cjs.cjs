// Node CommonJS: require() of the package (the `require` condition), the same API.
const assert = require("node:assert/strict");
const { Checkout, CheckoutError, loadCheckout } = require("credit-checkout");
const errors = require("credit-checkout/errors");
const lazy = require("credit-checkout/lazy");
const { order } = require("./order.cjs");

const quote = new Checkout().quote(order);
assert.equal(quote.total, "30.00");
assert.equal(quote.credits.totalPerMonth, 6250);
assert.equal(lazy.loadCheckout, loadCheckout);
assert.throws(() => new Checkout().quote({ ...order, asOf: "2026-7-3" }), (e) => e instanceof errors.CheckoutError && e.code === "INVALID_INPUT" && e.field === "asOf");
loadCheckout().then((m) => {
  assert.equal(m.CheckoutError, CheckoutError);
  console.log(`cjs ${quote.total}`);
});
