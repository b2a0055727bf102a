// Payment: the method choice and the installments, each count with its amounts.
import { $, el, setOptions } from "./dom.js";
import { plainMoney } from "./format.js";
import { methodLabel } from "./messages.js";
import { buildOrder, installmentsProbe } from "./order.js";
import { app, safely } from "./state.js";

/** The method choices and the installments hint, from the catalog. */
export function renderPaymentOptions() {
  const { catalog } = app;
  $("method-options").replaceChildren(
    ...catalog.paymentMethods.map((m) =>
      el(
        "label",
        { class: "choice choice-compact" },
        el("input", { type: "radio", name: "method", value: m, dataset: { field: "payment.method" } }),
        el("span", { class: "choice-title", text: methodLabel(m) }),
      ),
    ),
  );
  const inst = catalog.installments;
  $("installments-hint").textContent =
    `Processed by ${inst.processor}. Up to ${inst.maxCount} installments; interest-free below ${inst.commissionFrom}, ` +
    `a commission applies from ${inst.commissionFrom} installments on. The same count applies to the whole order.`;
}

export function syncPayment(state) {
  for (const radio of document.querySelectorAll('input[name="method"]')) radio.checked = radio.value === state.method;
}

export function readPayment(state) {
  const checked = document.querySelector('input[name="method"]:checked');
  state.method = checked ? checked.value : "";
  if (!$("installments-field").hidden && $("installments").value) state.installments = Number($("installments").value);
}

function installmentText(option, currency) {
  if (option.amount === undefined) {
    return option.count === 1 ? "Pay in full" : `${option.count} installments`;
  }
  if (option.count === 1) return `Pay in full · ${plainMoney(option.total, currency)}`;
  return (
    `${option.count} × ${plainMoney(option.amount, currency)} · total ${plainMoney(option.total, currency)} · ` +
    `commission ${plainMoney(option.commission, currency)}${option.interestFree ? " · interest-free" : ""}`
  );
}

export function renderInstallments() {
  const { state, catalog } = app;
  state.installmentsAvailable = false;
  const order = buildOrder(catalog, app.accountInfo, state);
  let options = safely(() => app.checkout.installmentOptions(installmentsProbe(order)));
  if (!options) {
    // The order has a problem elsewhere: offer the counts the catalog allows, without amounts.
    const inst = catalog.installments;
    const allowed = inst.countries.includes(app.accountInfo.account.country) && inst.methods.includes(state.method);
    options = Array.from({ length: allowed ? inst.maxCount : 1 }, (_, i) => ({ count: i + 1 }));
  }
  app.installmentOptions = options;
  const show = options.length > 1;
  $("installments-field").hidden = !show;
  if (!show) return;
  state.installmentsAvailable = true;
  if (!options.some((o) => o.count === state.installments)) state.installments = 1;
  setOptions(
    $("installments"),
    options.map((o) => [o.count, installmentText(o, catalog.currency)]),
    state.installments,
  );
}
