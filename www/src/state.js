// Everything the page knows, in one place; every view is rendered from it.
import { CheckoutError } from "credit-checkout";

/** The engine's largest credit figure, where a custom package names no maximum. */
export const MAX_CREDITS = 1_000_000_000;

export const app = {
  checkout: null, // Checkout (Wasm)
  catalog: null,
  accounts: [],
  accountInfo: null, // { id, name, today, locale, account, creditPackage }
  fmt: null,
  state: null, // the form (order.js)
  canBuy: false,
  checkoutOpen: false,
  terms: [], // TermOption[] last computed
  installmentOptions: [],
  order: null,
  problems: [],
  quote: null, // the quote of a valid order: what Proceed submits
  preview: null, // what the summary shows (the quote, or the price while only invoice details are missing)
  submitting: false,
  accountSeq: 0,
  ordersSeq: 0,
};

export function planOf(id) {
  return app.catalog.plans.find((p) => p.id === id);
}

export function packageOf(id) {
  return app.catalog.creditPackages.find((p) => p.id === id);
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
