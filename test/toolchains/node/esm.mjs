// Node ESM: the package by name, its three entries, and misuse as CheckoutErrors.
import assert from "node:assert/strict";
import { Checkout, CheckoutError, loadCheckout, version } from "credit-checkout";
import { loadCheckout as lazyLoad } from "credit-checkout/lazy";
import { CheckoutError as PlainError } from "credit-checkout/errors";
import { order } from "./order.mjs";

const checkout = new Checkout();
const quote = checkout.quote(order);
// Starter, 10.00 a month for 3 months: 30.00; Advanced 1 seat 1,250 + Starter 5,000 credits.
assert.equal(quote.total, "30.00");
assert.equal(quote.display.total, "$30.00");
assert.equal(quote.credits.totalPerMonth, 6250);
assert.match(version(), /^\d+\.\d+\.\d+$/);

// loadCheckout, from either entry, gives the same classes as the named exports.
const loaded = await loadCheckout();
assert.equal(loaded.Checkout, Checkout);
assert.equal((await lazyLoad()).Checkout, Checkout);

// One CheckoutError, whichever entry it is tested with; it survives structured clone as JSON.
const bad = { ...order, payment: { method: "pix" } };
let caught;
try {
  checkout.quote(bad);
} catch (e) {
  caught = e;
}
assert.ok(caught instanceof CheckoutError && caught instanceof PlainError && caught instanceof Error);
assert.equal(caught.code, "UNKNOWN_PAYMENT_METHOD");
assert.deepEqual(caught.problems[0].details, { methods: ["card", "paypal"] });
const revived = PlainError.from(structuredClone(caught.toJSON()));
assert.ok(revived instanceof CheckoutError);
assert.deepEqual([revived.code, revived.field, revived.message], [caught.code, caught.field, caught.message]);

// Misuse: a method off its object, a call after free().
const { quote: detached } = checkout;
assert.throws(() => detached(order), (e) => e instanceof CheckoutError && e.code === "NOT_A_CHECKOUT");
assert.throws(() => Checkout.prototype.validate.call({}, order), (e) => e instanceof CheckoutError && e.code === "NOT_A_CHECKOUT");
checkout.free();
checkout.free();
assert.throws(() => checkout.quote(order), (e) => e instanceof CheckoutError && e.code === "CHECKOUT_FREED");
console.log(`esm ${quote.total}`);
