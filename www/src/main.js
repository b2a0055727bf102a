// The page's entry: wires the controls to the state and starts loading. What each part shows
// lives in its own module (package-picker, term-picker, subscription-fields, payment-fields,
// invoice-fields, order-summary, order-history, success-dialog); the state in state.js.
// First: the first requests leave before the Wasm library's module waits for its instantiation.
import "./first-requests.js";
import "./style.css";
import { bindLoading, changeLanguage, start } from "./account.js";
import { setCheckoutOpen } from "./billing-overview.js";
import { bindRenewal } from "./billing-renewal.js";
import { bindCardForm } from "./card-form.js";
import { $ } from "./dom.js";
import { initialLanguage } from "./i18n.js";
import { onInvoiceEdit } from "./invoice-fields.js";
import { bindLayout, refit } from "./layout.js";
import { bindPackagePicker } from "./package-picker.js";
import { readForm, recompute } from "./preview.js";
import { bindSignIn } from "./sign-in.js";
import { app } from "./state.js";
import { bindAttemptActions, pay } from "./submit.js";
import { bindSuccessDialog } from "./success-dialog.js";
import { bindTabs } from "./tabs.js";

changeLanguage(initialLanguage(), { remember: false });
bindTabs();
bindLoading();
bindLayout();

const form = $("checkout-form");
form.addEventListener("input", onFormEdit);
form.addEventListener("change", onFormEdit);
form.addEventListener("submit", (event) => event.preventDefault());

function onFormEdit(event) {
  if (!app.state || app.attempt) return;
  onInvoiceEdit(event);
  readForm();
  recompute();
  refit();
}

bindPackagePicker(() => {
  recompute();
  refit();
});

$("add-credits").addEventListener("click", () => {
  if (!app.canBuy || app.attempt) return;
  setCheckoutOpen(true);
  recompute();
  $("checkout").scrollIntoView({ behavior: "smooth", block: "start" });
  $("checkout-title").focus({ preventScroll: true });
  refit();
});

bindSignIn(start);

$("proceed").addEventListener("click", pay);
// Leaving while a payment is unsettled would lose the only record of its attempt.
window.addEventListener("beforeunload", (event) => {
  if (app.attempt) event.preventDefault();
});
bindAttemptActions();
bindCardForm();
bindSuccessDialog();
bindRenewal();

start();
