// Vitest, no configuration: the package's Node entry, by import and by loadCheckout().
import { expect, test } from "vitest";
import { Checkout, CheckoutError } from "credit-checkout";
import { loadCheckout } from "credit-checkout/lazy";
import { order } from "./order.mjs";

test("a quote, loadCheckout() and a CheckoutError", async () => {
  expect(new Checkout().quote(order).display.total).toBe("$30.00");
  const loaded = await loadCheckout();
  expect(new loaded.Checkout().quote(order).credits.totalPerMonth).toBe(6250);
  expect(() => new Checkout().quote({ ...order, payment: { method: "pix" } })).toThrow(CheckoutError);
});
