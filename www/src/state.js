// Everything the page knows, in one place; every view is rendered from it.
import { CheckoutError } from "credit-checkout";

/** The engine's largest credit figure, where a custom package names no maximum. */
export const MAX_CREDITS = 1_000_000_000;

export const app = {
  checkout: null, // Checkout (Wasm)
  catalog: null,
  user: null, // the signed-in user { email, name, role }
  accountInfo: null, // { id, name, today, locale, account, creditPackage, user }
  state: null, // the form (order.js)
  canBuy: false,
  checkoutOpen: false,
  terms: [], // TermOption[] last computed
  installmentOptions: [],
  order: null,
  problems: [],
  quote: null, // the quote of a valid order: what Proceed submits
  preview: null, // what the summary shows (the quote, or the price while only invoice details are missing)
  // The order attempt being paid: { key, accountSeq, order, quote, knownOrders, phase }. One
  // attempt, one Idempotency-Key, whatever the retries; null when none is under way.
  attempt: null,
  orderNumbers: null, // Set of the order numbers in the last history loaded, or null
  accountSeq: 0,
  ordersSeq: 0,
};

export function planOf(id) {
  return app.catalog?.plans.find((p) => p.id === id);
}

export function packageOf(id) {
  return app.catalog?.creditPackages.find((p) => p.id === id);
}

export function customPackage() {
  return app.catalog.creditPackages.find((p) => p.step);
}

/** The library's answer, or null when it reports a CheckoutError. */
export function safely(fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CheckoutError) return null;
    throw error;
  }
}
