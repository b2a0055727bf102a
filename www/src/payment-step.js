// The steps between the pay button and the charge, as a real processor has them: the card
// tokenized by the gateway, PayPal's approval window, and the bank's second confirmation step
// (3-D Secure). Each window here is a simulation in a modal dialog.
import * as api from "./api.js";
import { paymentStep, tokenizeCard } from "./card-form.js";
import { $ } from "./dom.js";
import { money } from "./format.js";
import { t } from "./i18n.js";

/** Opens `dialog` and resolves true (the `ok` button) or false (cancel, Escape). */
function ask(dialog, ok, cancel) {
  return new Promise((resolve) => {
    const done = (answer) => {
      ok.removeEventListener("click", yes);
      cancel.removeEventListener("click", no);
      dialog.removeEventListener("close", no);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const yes = () => done(true);
    const no = () => done(false);
    ok.addEventListener("click", yes);
    cancel.addEventListener("click", no);
    dialog.addEventListener("close", no);
    dialog.showModal();
    ok.focus();
  });
}

/** PayPal's approval: the token of the approved payment, or null when cancelled. */
async function approveWithPaypal(quote) {
  $("paypal-text").textContent = t("paypal.text", { amount: money(quote.total) });
  if (!(await ask($("paypal-dialog"), $("paypal-approve"), $("paypal-cancel")))) return null;
  const method = await api.createPaymentMethod({ type: "paypal" });
  return method.id;
}

/**
 * The payment method token the order will name: `{ token }` (null token: the card on file),
 * or null when the customer has something to fix or cancelled (focus is then placed).
 */
export async function preparePayment(quote) {
  const step = paymentStep(quote);
  if (step === "card") {
    const token = await tokenizeCard();
    return token ? { token } : null;
  }
  if (step === "paypal") {
    const token = await approveWithPaypal(quote);
    if (!token) $("proceed").focus();
    return token ? { token } : null;
  }
  return { token: null };
}

/** The bank's second step: true when the customer confirmed the payment of `total`. */
export function askConfirmation(total, currency) {
  $("confirm-text").textContent = t("confirm.text", { amount: money(total, currency) });
  return ask($("confirm-dialog"), $("confirm-ok"), $("confirm-cancel"));
}
