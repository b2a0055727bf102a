// Payment: the method choice and the installments, each count with its amounts.
import { $, el, setOptions } from "./dom.js";
import { money } from "./format.js";
import { t } from "./i18n.js";
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
  $("installments-hint").textContent = t("installments.hint", {
    processor: inst.processor,
    max: inst.maxCount,
    from: inst.commissionFrom,
  });
}

export function syncPayment(state) {
  for (const radio of document.querySelectorAll('input[name="method"]')) radio.checked = radio.value === state.method;
}

export function readPayment(state) {
  const checked = document.querySelector('input[name="method"]:checked');
  state.method = checked ? checked.value : "";
  if (!$("installments-field").hidden && $("installments").value) state.installments = Number($("installments").value);
}

/** Short enough for a phone's select; the chosen option's details go below it. */
function installmentText(option) {
  if (option.amount === undefined) {
    return option.count === 1 ? t("installments.full") : t("installments.count", { n: option.count });
  }
  if (option.count === 1) return t("installments.fullTotal", { total: money(option.total) });
  const text = t("installments.option", { n: option.count, amount: money(option.amount), total: money(option.total) });
  return option.interestFree ? `${text} · ${t("installments.free")}` : text;
}

function installmentDetail(option) {
  if (!option || option.amount === undefined || option.count === 1) return "";
  return t("installments.detail", {
    n: option.count,
    amount: money(option.amount),
    total: money(option.total),
    commission: money(option.commission),
    free: option.interestFree,
  });
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
  setOptions($("installments"), options.map((o) => [o.count, installmentText(o)]), state.installments);
  $("installments-detail").textContent = installmentDetail(options.find((o) => o.count === state.installments));
}
