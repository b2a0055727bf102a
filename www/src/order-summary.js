// The order summary: the lines, subtotal and commission, payment schedule, credits and what
// happens after payment (these scroll), and the pinned pay bar: total, problems, pay button.
import { $, el } from "./dom.js";
import { count, date, fromMinor, money, percent, range } from "./format.js";
import { t } from "./i18n.js";
import { autoRenewalMessage, chargedToLabel, noticeMessage } from "./messages.js";
import { app, packageOf, planOf } from "./state.js";

/** A quote line in the chosen language, from its kind and figures (not the library's English). */
function lineText(line, quote) {
  const order = app.order ?? {};
  const account = app.accountInfo.account;
  const planName = (id) => planOf(id)?.name ?? id ?? "";
  const pkgName = packageOf(quote.creditPackage?.id)?.name ?? quote.creditPackage?.id ?? "";
  const params = {
    seats: line.quantity,
    n: line.months,
    name: pkgName,
    credits: quote.creditPackage?.creditsPerMonth,
  };
  switch (line.kind) {
    case "subscription_new":
      return t("line.subscription_new", { ...params, plan: planName(order.newSubscription?.plan) });
    case "subscription_renewal":
    case "subscription_upgrade":
      return t(`line.${line.kind}`, { ...params, plan: planName(quote.subscription?.plan ?? account.plan) });
    case "subscription_seats":
    case "credit_package":
    case "credit_package_unused":
    case "credit_package_renewal":
      return t(`line.${line.kind}`, params);
    default:
      return t("line.other");
  }
}

function renderEmptySummary() {
  const total = $("summary-total");
  $("summary-lines").replaceChildren(el("li", { class: "lines-empty", text: t("summary.empty") }));
  $("summary-subtotal").textContent = "—";
  $("summary-commission-row").hidden = true;
  total.textContent = "—";
  total.removeAttribute("data-amount");
  $("summary-charged-to").textContent = "";
  $("summary-schedule-title").hidden = true;
  $("summary-schedule").replaceChildren();
  $("summary-credits").textContent = "—";
  $("summary-next-reset").textContent = "";
  $("summary-autorenewal").textContent = "";
  $("summary-notices").replaceChildren();
}

export function renderSummary() {
  const { preview: quote, catalog } = app;
  if (!quote) {
    renderEmptySummary();
    return;
  }
  const total = $("summary-total");

  $("summary-lines").replaceChildren(
    ...quote.lines.map((line) =>
      el(
        "li",
        { dataset: { kind: line.kind } },
        el(
          "span",
          { class: "line-desc" },
          el("span", { text: lineText(line, quote) }),
          el("small", { text: range(line.periodStart, line.periodEnd) }),
        ),
        el("span", { class: "line-amount", text: money(line.amount), dataset: { amount: line.amount } }),
      ),
    ),
  );
  $("summary-subtotal").textContent = money(quote.subtotal);
  // Paying in full has no commission: no row for it.
  const hasCommission = quote.commission !== fromMinor(0n, catalog.minorUnits);
  $("summary-commission-row").hidden = !hasCommission;
  $("summary-commission").textContent = money(quote.commission);
  $("summary-commission-label").textContent = t("summary.commissionPercent", {
    percent: percent(quote.installments.commissionPercent),
  });
  total.textContent = money(quote.total);
  total.dataset.amount = quote.total;

  const inst = quote.installments;
  const method = chargedToLabel(quote.payment.chargedTo);
  $("summary-charged-to").textContent =
    inst.count > 1
      ? t("summary.chargedInstallments", {
          method,
          n: inst.count,
          amount: money(inst.schedule[0]?.amount),
          processor: inst.processor,
          free: inst.interestFree,
        })
      : t("summary.chargedFull", { method });

  $("summary-schedule-title").hidden = inst.schedule.length <= 1;
  $("summary-schedule").replaceChildren(
    ...(inst.schedule.length > 1 ? inst.schedule : []).map((s) =>
      el(
        "li",
        { dataset: { number: String(s.number), amount: s.amount } },
        el("span", { class: "sched-n", text: `${count(s.number)}.` }),
        el("span", { class: "sched-date", text: date(s.dueDate) }),
        el("span", { class: "sched-amount", text: money(s.amount) }),
      ),
    ),
  );

  const c = quote.credits;
  $("summary-credits").textContent = t("summary.creditsLine", {
    included: c.includedPerMonth,
    pkg: c.packagePerMonth,
    total: c.totalPerMonth,
  });
  $("summary-next-reset").textContent = t("summary.nextReset", { date: date(c.nextReset) });
  $("summary-autorenewal").textContent = autoRenewalMessage(quote.autoRenewal);
  $("summary-notices").replaceChildren(
    ...quote.notices
      .map((n) => [n, noticeMessage(n)])
      .filter(([, text]) => text)
      .map(([n, text]) => el("li", { text, dataset: { code: n.code } })),
  );
}

/** The pay button: never disabled (a click explains what is missing); busy while paying. */
export function renderProceed() {
  const button = $("proceed");
  const paying = Boolean(app.attempt);
  const amount = app.attempt?.quote.total ?? app.quote?.total ?? app.preview?.total;
  if (paying && app.attempt.phase === "sending") {
    button.textContent = t("pay.processing");
    button.setAttribute("aria-busy", "true");
  } else {
    button.textContent = amount ? t("pay.button", { amount: money(amount) }) : t("pay.buttonNoAmount");
    button.removeAttribute("aria-busy");
  }
  if (paying) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
  button.hidden = paying && app.attempt.phase !== "sending";
}

/** The banner above the pay button; "" hides it. `actions`: which attempt buttons to show. */
export function showSubmitError(text, actions = []) {
  const node = $("submit-error");
  $("submit-error-text").textContent = text;
  for (const name of ["check", "retry", "edit"]) $(`attempt-${name}`).hidden = !actions.includes(name);
  node.hidden = !text;
}
