// The Billing tab's next automatic charge (R17, from the library's `renewal()`) and the
// auto-renewal switch: turning it off asks first, saying what stops.
import * as api from "./api.js";
import { $, el } from "./dom.js";
import { date } from "./format.js";
import { language, t } from "./i18n.js";
import { noticeMessage, problemMessage } from "./messages.js";
import { lineText } from "./order-lines.js";
import { app } from "./state.js";

/** The renewal the library prices for the account as it is today, or null when it cannot. */
function preview(info) {
  try {
    return app.checkout.renewal({ asOf: info.today, account: info.account, locale: language() });
  } catch {
    return null;
  }
}

/** The date the subscription (and with it the package) ends when nothing renews. */
function endDate(info) {
  const sub = info.account.subscription ?? {};
  return sub.renewedUntil ?? info.renewedUntil ?? sub.periodEnd;
}

function fact(label, value, id) {
  return el("div", {}, el("dt", { text: label }), el("dd", { text: value, id }));
}

function chargeView(r) {
  const rows = r.lines.map((line) =>
    el("tr", {}, el("td", { text: lineText(line, r) }), el("td", { class: "amount", text: line.display })),
  );
  const n = r.installments.count;
  const method = t(`renewal.method.${r.payment.method}`);
  return [
    el(
      "dl",
      { class: "facts" },
      fact(t("renewal.date"), date(r.date), "renewal-date"),
      fact(t("renewal.total"), r.display.total, "renewal-total"),
      fact(t("renewal.installments"), t("renewal.installmentsValue", { n, amount: r.display.installment }), "renewal-installments"),
    ),
    el("table", { class: "renewal-lines" }, el("tbody", {}, ...rows)),
    el("p", { class: "hint", text: t("renewal.chargedTo", { method }) }),
    ...r.notices
      .filter((n) => n.code !== "USES_SAVED_CARD" && n.code !== "USES_SAVED_PAYMENT")
      .map((n) => noticeMessage(n))
      .filter(Boolean)
      .map((text) => el("p", { class: "note", text })),
  ];
}

export function renderRenewal() {
  const info = app.accountInfo;
  if (!info || !app.checkout) return;
  const active = info.account.subscription?.status === "active";
  const on = Boolean(info.account.autoRenewal);
  const admin = info.account.role === "admin";
  const sw = $("auto-renewal-switch");
  sw.setAttribute("aria-checked", String(on));
  sw.disabled = !admin || !active;
  $("renewal-member-note").hidden = admin;
  const box = $("renewal-preview");
  const r = active ? preview(info) : null;
  let content;
  if (!active) content = [el("p", { text: t("renewal.none") })];
  else if (!r || r.date === null) content = [el("p", { id: "renewal-off", text: t("renewal.off", { end: date(endDate(info)) }) })];
  else content = chargeView(r);
  box.replaceChildren(...content);
  box.dataset.total = r?.date ? r.total : "";
}

async function setAutoRenewal(on) {
  const error = $("renewal-error");
  error.hidden = true;
  try {
    await api.setAutoRenewal(on);
    const info = await api.getAccount();
    app.accountInfo = { ...app.accountInfo, ...info };
    $("billing-autorenewal").textContent = info.account.autoRenewal ? t("on") : t("off");
    renderRenewal();
  } catch (e) {
    error.textContent = problemMessage({ code: e.code, message: e.message }, { catalog: app.catalog });
    error.hidden = false;
  }
}

export function bindRenewal() {
  const dialog = $("renewal-dialog");
  $("auto-renewal-switch").addEventListener("click", () => {
    const on = app.accountInfo?.account.autoRenewal;
    if (!on) {
      setAutoRenewal(true);
      return;
    }
    $("renewal-dialog-text").textContent = t("renewal.confirmText", { end: date(endDate(app.accountInfo)) });
    dialog.showModal();
  });
  $("renewal-cancel").addEventListener("click", () => dialog.close());
  $("renewal-confirm").addEventListener("click", async () => {
    dialog.close();
    await setAutoRenewal(false);
    $("auto-renewal-switch").focus();
  });
}
