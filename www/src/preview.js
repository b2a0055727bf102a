// The live preview: the form written to and read from the state, and everything recomputed by
// the Wasm library on every edit (synchronous, no network).
import { CheckoutError } from "credit-checkout";
import { renderCardStep } from "./card-form.js";
import { renderInvoiceCountries, readInvoice, syncInvoice, taxIdProblems } from "./invoice-fields.js";
import { buildOrder, withoutInvoice } from "./order.js";
import { renderProblems } from "./order-problems.js";
import { renderProceed, renderSummary } from "./order-summary.js";
import { readPackage, renderPackageControls, renderPackageOptions, syncPackage } from "./package-picker.js";
import { readPayment, renderInstallments, renderPaymentOptions, syncPayment } from "./payment-fields.js";
import { app, safely } from "./state.js";
import { readSubscription, renderSubscriptionOptions, syncSubscription } from "./subscription-fields.js";
import { readTerm, renderTerm } from "./term-picker.js";

/** The controls whose choices come from the catalog. */
export function renderCatalogControls() {
  renderPackageOptions();
  renderPaymentOptions();
  renderSubscriptionOptions();
}

/** The controls that depend on the account. */
export function renderAccountControls(info) {
  renderInvoiceCountries(info.account.country);
}

/** Write the state into the controls (after a reset or a catalog reload). */
export function syncForm() {
  const { state } = app;
  syncSubscription(state);
  syncPackage(state);
  syncPayment(state);
  syncInvoice(state);
}

/** Read the controls into the state (on every input/change). */
export function readForm() {
  const { state } = app;
  readPackage(state);
  readPayment(state);
  readSubscription(state);
  readTerm(state);
  readInvoice(state);
}

/** Recompute everything from the state: synchronous, the network is never waited for. */
export function recompute() {
  if (!app.state || !app.accountInfo) return;
  renderTerm(renderPackageControls());
  renderInstallments();
  const order = buildOrder(app.catalog, app.accountInfo, app.state);
  app.order = order;
  app.problems = app.checkout.validate(order);
  app.quote = null;
  if (!app.problems.length) {
    try {
      app.quote = app.checkout.quote(order);
    } catch (error) {
      if (!(error instanceof CheckoutError)) throw error;
      app.problems = error.problems ?? [{ code: error.code, field: error.field ?? "", message: error.message }];
    }
  }
  // Invoice details do not change the price: while only they are missing, still show it.
  app.preview = app.quote;
  const taxProblems = taxIdProblems(app.state);
  if (taxProblems.length) {
    app.problems = [...app.problems, ...taxProblems];
    app.quote = null;
  }
  const invoiceOnly = (p) => String(p.field ?? "").startsWith("invoice") || p.field === "taxId";
  if (!app.preview && app.problems.length && app.problems.every(invoiceOnly)) {
    app.preview = safely(() => app.checkout.quote(withoutInvoice(order)));
  }
  renderProblems(app.problems);
  renderSummary();
  renderProceed();
  renderCardStep();
}
