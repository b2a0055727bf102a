// The dialog shown after a successful payment. Closing it never lands on a pay button: the
// checkout has started over and is closed, so the focus goes back to "Add credits".
import { $ } from "./dom.js";
import { money } from "./format.js";
import { selectTab } from "./tabs.js";

export function showSuccess(result) {
  $("success-order-number").textContent = String(result.number);
  $("success-total").textContent = money(result.total, result.currency ?? undefined);
  $("success-dialog").showModal();
}

function closeSuccess() {
  $("success-dialog").close();
}

function focusAfterClose() {
  const add = $("add-credits");
  if (!add.disabled) {
    add.focus();
    return;
  }
  $("billing-title").setAttribute("tabindex", "-1");
  $("billing-title").focus();
}

export function bindSuccessDialog() {
  // Escape closes the dialog natively: the focus goes back to the billing overview.
  $("success-dialog").addEventListener("close", (event) => {
    const active = document.activeElement;
    if (active && active !== document.body && !event.currentTarget.contains(active)) return;
    focusAfterClose();
  });
  $("success-close").addEventListener("click", () => {
    closeSuccess();
    focusAfterClose();
  });
  $("success-orders").addEventListener("click", () => {
    closeSuccess();
    selectTab($("tab-orders"), { focus: true });
  });
}
