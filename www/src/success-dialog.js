// The dialog shown after a successful payment.
import { $ } from "./dom.js";
import { plainMoney } from "./format.js";
import { app } from "./state.js";
import { selectTab } from "./tabs.js";

export function showSuccess(result) {
  const currency = result.currency ?? app.catalog.currency;
  $("success-order-number").textContent = String(result.number);
  $("success-total").textContent = plainMoney(result.total, currency);
  $("success-dialog").showModal();
}

function closeSuccess() {
  $("success-dialog").close();
}

export function bindSuccessDialog() {
  // Escape closes the dialog natively: bring the focus back to the checkout.
  $("success-dialog").addEventListener("close", (event) => {
    const active = document.activeElement;
    if (active && active !== document.body && !event.currentTarget.contains(active)) return;
    const proceed = $("proceed");
    if (proceed.disabled) $("checkout-title").focus();
    else proceed.focus();
  });
  $("success-close").addEventListener("click", () => {
    closeSuccess();
    $("proceed").focus();
  });
  $("success-orders").addEventListener("click", () => {
    closeSuccess();
    selectTab($("tab-orders"), { focus: true });
  });
}
