// Paying: one order attempt, one charge. An attempt keeps its Idempotency-Key through every
// retry; the form is locked while it is under way; a lost answer (network error or timeout) is
// settled by the order history before the page says anything, and never by paying again.
import * as api from "./api.js";
import { loadAccount, setCatalog } from "./account.js";
import { setCheckoutOpen } from "./billing-overview.js";
import { clearCard, showCardErrors } from "./card-form.js";
import { $ } from "./dom.js";
import { t } from "./i18n.js";
import { submitErrorMessage } from "./messages.js";
import { taxIdOf } from "./invoice-fields.js";
import { initialState } from "./order.js";
import { loadOrders } from "./order-history.js";
import { focusFirstProblem } from "./order-problems.js";
import { renderProceed, showSubmitError } from "./order-summary.js";
import { askConfirmation, preparePayment } from "./payment-step.js";
import { recompute, syncForm } from "./preview.js";
import { app } from "./state.js";
import { showSuccess } from "./success-dialog.js";

/** Lock (or unlock) everything that could change the order while it is being paid. */
function lock(locked) {
  $("checkout-form").inert = locked;
  $("checkout-form").setAttribute("aria-busy", String(locked));
  $("sign-out").disabled = locked;
  $("language-select").disabled = locked;
  $("add-credits").disabled = locked || !app.canBuy;
  renderProceed();
}

function setPhase(phase) {
  app.attempt.phase = phase;
  renderProceed();
}

/** The pay button: explain what is missing, or start (or resume) the one attempt. */
export async function pay() {
  if (app.attempt || app.preparing) return; // an attempt is under way: the button does nothing
  recompute();
  if (!app.quote || app.problems.length) {
    focusFirstProblem();
    return;
  }
  const { quote } = app;
  const prepared = await prepare(quote);
  if (!prepared || quote !== app.quote) return;
  // The orders already there, to tell this attempt's order apart if its answer is lost.
  if (!app.orderNumbers) await loadOrders();
  app.attempt = {
    key: api.newIdempotencyKey(),
    accountSeq: app.accountSeq,
    order: app.order,
    quote: app.quote,
    taxId: taxIdOf(app.state),
    // null: the history could not be read, so a lost answer cannot be told apart by it.
    knownOrders: app.orderNumbers ? new Set(app.orderNumbers) : null,
    // The gateway's token (card or PayPal approval); null when charged to the card on file.
    paymentMethod: prepared.token,
    phase: "sending",
  };
  showSubmitError("");
  lock(true);
  await send();
}

/** The payment step before the attempt: the method's token, or null (nothing to send). */
async function prepare(quote) {
  app.preparing = true;
  showSubmitError("");
  try {
    return await preparePayment(quote);
  } catch (error) {
    if (!(error instanceof api.ApiError)) throw error;
    showSubmitError(submitErrorMessage(error, { currency: app.catalog.currency, catalog: app.catalog }));
    $("submit-error").focus();
    return null;
  } finally {
    app.preparing = false;
  }
}

/** Send the attempt (again): the same order, fingerprint and Idempotency-Key every time. */
async function send() {
  const attempt = app.attempt;
  setPhase("sending");
  showSubmitError("");
  try {
    const result = await api.createOrder(
      {
        order: attempt.order,
        fingerprint: attempt.quote.fingerprint,
        paymentMethod: attempt.paymentMethod,
        taxId: attempt.taxId,
      },
      attempt.key,
    );
    if (result.status === "requires_confirmation") await confirm(result);
    else await succeed(result);
  } catch (error) {
    if (!(error instanceof api.ApiError)) {
      end();
      throw error;
    }
    if (error.status === 0) await settleLost(error);
    else await refuse(error);
  }
}

/** The bank asks for a second step: confirmed (paid) or cancelled (failed), its own request. */
async function confirm(pending) {
  setPhase("confirming");
  const confirmed = await askConfirmation(pending.total, pending.currency);
  setPhase("sending");
  try {
    await succeed(await api.confirmOrder(pending.number, confirmed));
  } catch (error) {
    if (!(error instanceof api.ApiError)) {
      end();
      throw error;
    }
    if (error.status !== 0) {
      await refuse(error);
      return;
    }
    // Sending the attempt again replays where the order stands (its key keeps the answer).
    setPhase("notFound");
    showSubmitError(t("confirm.lost"), ["retry"]);
    $("attempt-retry").focus();
  }
}

/** The server answered no: the attempt is over and nothing was charged. */
async function refuse(error) {
  const { accountSeq } = app.attempt;
  end();
  if (error.code === "CARD_DECLINED" || error.code === "CARD_AUTHENTICATION_FAILED") {
    // The card form says it, on the card number; a new attempt may follow.
    showSubmitError("");
    showCardErrors({ number: t(`error.${error.code}`) }, { focus: true });
    return;
  }
  const message = submitErrorMessage(error, { currency: app.catalog.currency, catalog: app.catalog });
  if (error.code === "ORDER_IN_PROGRESS" && error.details?.orderNumber) {
    // An earlier order waits for its confirmation (a page closed mid-way): offer to cancel it.
    $("attempt-release").dataset.order = String(error.details.orderNumber);
    showSubmitError(message, ["release"]);
  } else {
    showSubmitError(message);
  }
  $("submit-error").focus();
  if (error.code === "FINGERPRINT_MISMATCH" && accountSeq === app.accountSeq) await requote();
}

/** No answer: look for the order in the history first, and say only what it shows. */
async function settleLost(error) {
  const attempt = app.attempt;
  setPhase("checking");
  showSubmitError(error.code === "TIMEOUT" ? t("attempt.timeout") : t("attempt.checking"));
  $("submit-error").focus();
  let orders;
  try {
    ({ orders } = await api.getOrders());
  } catch {
    setPhase("unknown");
    showSubmitError(t("attempt.unknown"), ["check"]);
    $("attempt-check").focus();
    return;
  }
  if (!attempt.knownOrders) {
    // No list to compare with: completing the attempt is still safe, its key charges at most once.
    setPhase("notFound");
    showSubmitError(t("attempt.unverified"), ["retry"]);
    $("attempt-retry").focus();
    return;
  }
  const found = (Array.isArray(orders) ? orders : []).find(
    (o) => !attempt.knownOrders.has(String(o.number)) && String(o.total) === attempt.quote.total,
  );
  if (found) {
    await succeed(found);
    return;
  }
  setPhase("notFound");
  const timedOut = error.code === "TIMEOUT" ? `${t("error.TIMEOUT")} ` : "";
  showSubmitError(`${timedOut}${t("attempt.notFound")}`, ["retry", "edit"]);
  $("attempt-retry").focus();
}

/** Paid: show it, start the checkout over, and put nothing payable under the focus. */
async function succeed(result) {
  const { accountSeq } = app.attempt;
  end();
  showSubmitError("");
  app.state = initialState(app.catalog, app.accountInfo);
  app.terms = [];
  clearCard();
  setCheckoutOpen(false);
  showSuccess(result);
  if (accountSeq === app.accountSeq) {
    loadOrders();
    await loadAccount({ reset: true }).catch(() => {});
  }
}

function end() {
  app.attempt = null;
  lock(false);
}

/** The server priced the order differently: reload the catalog and the account, recompute. */
async function requote() {
  try {
    const catalog = await api.getCatalog();
    setCatalog(catalog);
    await loadAccount({ reset: false });
  } catch {
    recompute();
  }
}

export function bindAttemptActions() {
  $("attempt-check").addEventListener("click", () => {
    if (app.attempt) settleLost({ code: "NETWORK" });
  });
  $("attempt-retry").addEventListener("click", () => {
    if (app.attempt) send();
  });
  $("attempt-release").addEventListener("click", () => release(Number($("attempt-release").dataset.order)));
  $("attempt-edit").addEventListener("click", () => {
    // Only offered once the history showed no order for this attempt.
    end();
    showSubmitError("");
    syncForm();
    recompute();
    $("checkout-title").focus();
  });
}

/**
 * Cancels the payment of order `number`, left waiting for its confirmation, then prices the
 * order again on the account as that leaves it (its changes undone).
 */
async function release(number) {
  if (app.attempt || !number) return;
  $("attempt-release").disabled = true;
  let text;
  try {
    await api.confirmOrder(number, false);
    text = t("attempt.heldPaid", { number }); // confirmed elsewhere in the meantime
  } catch (error) {
    const cancelled = error instanceof api.ApiError && error.status === 402;
    text = cancelled ? t("attempt.released", { number }) : submitErrorMessage(error, { currency: app.catalog.currency });
  } finally {
    $("attempt-release").disabled = false;
  }
  await loadAccount({ reset: false });
  await loadOrders();
  showSubmitError(text);
  $("submit-error").focus();
}
