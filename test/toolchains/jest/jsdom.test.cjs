/**
 * Jest with jsdom: the README's customExportConditions make it take the Node build too.
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "require"]}
 */
const { Checkout } = require("credit-checkout");
const { order } = require("./order.cjs");

test("a quote rendered into jsdom", () => {
  document.body.innerHTML = `<p id="quote">${new Checkout().quote(order).display.total}</p>`;
  expect(document.querySelector("#quote").textContent).toBe("$30.00");
});
