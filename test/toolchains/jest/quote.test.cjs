// Jest in CommonJS mode, Node environment: require() takes the package's node.cjs.
const { Checkout, CheckoutError } = require("credit-checkout");
const { order } = require("./order.cjs");

test("a quote and a CheckoutError", () => {
  const quote = new Checkout().quote(order);
  expect(quote.total).toBe("30.00");
  expect(quote.credits.totalPerMonth).toBe(6250);
  expect(() => new Checkout().quote({ ...order, locale: 1 })).toThrow(CheckoutError);
});
