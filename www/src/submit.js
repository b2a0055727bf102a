// Paying: "Proceed to payment" posts the quoted order; success, or the error in plain words.
import * as api from "./api.js";
import { loadAccount, setCatalog } from "./account.js";
import { $ } from "./dom.js";
import { submitErrorMessage } from "./messages.js";
import { loadOrders } from "./order-history.js";
import { renderProceed, showSubmitError } from "./order-summary.js";
import { recompute } from "./preview.js";
import { app } from "./state.js";
import { showSuccess } from "./success-dialog.js";

export async function submitOrder() {
  if (app.submitting) return;
  recompute();
  if (!app.quote || app.problems.length) return;
  const { order, quote } = app;
  const accountId = app.accountInfo.id;
  const seq = app.accountSeq;
  const button = $("proceed");

  app.submitting = true;
  renderProceed();
  button.setAttribute("aria-busy", "true");
  button.textContent = "Processing payment…";
  showSubmitError("");

  try {
    const result = await api.createOrder({ accountId, order, fingerprint: quote.fingerprint }, api.newIdempotencyKey());
    showSuccess(result);
    // The subscription actions are done: a second click must not buy them again.
    Object.assign(app.state, { renew: false, upgradeTo: "", addSeats: "" });
    if (seq === app.accountSeq) {
      loadOrders(accountId);
      await loadAccount(accountId, { reset: false }).catch(() => {});
    }
  } catch (error) {
    if (!(error instanceof api.ApiError)) throw error;
    showSubmitError(submitErrorMessage(error, { currency: app.catalog.currency, catalog: app.catalog }));
    if (error.code === "FINGERPRINT_MISMATCH" && seq === app.accountSeq) await requote(accountId);
  } finally {
    app.submitting = false;
    button.removeAttribute("aria-busy");
    button.textContent = "Proceed to payment";
    renderProceed();
  }
}

/** The server priced the order differently: reload the catalog and the account, recompute. */
async function requote(accountId) {
  try {
    const catalog = await api.getCatalog();
    setCatalog(catalog);
    await loadAccount(accountId, { reset: false });
  } catch {
    recompute();
  }
}
