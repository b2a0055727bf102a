// The order summary: the lines, subtotal and commission, payment schedule, credits and what
// happens after payment (these scroll), and the pinned pay bar: total, problems, pay button.
import { $, el } from "./dom.js";
import { count, date, fromMinor, money, percent, range } from "./format.js";
import { t } from "./i18n.js";
import { autoRenewalMessage, chargedToLabel, noticeMessage } from "./messages.js";
import { lineText } from "./order-lines.js";
import { app } from "./state.js";

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
  const busy = paying && ["sending", "confirming"].includes(app.attempt.phase);
  if (busy) {
    button.textContent = t("pay.processing");
    button.setAttribute("aria-busy", "true");
  } else {
    button.textContent = amount ? t("pay.button", { amount: money(amount) }) : t("pay.buttonNoAmount");
    button.removeAttribute("aria-busy");
  }
  if (paying) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
  button.hidden = paying && !busy;
}

/** The banner above the pay button; "" hides it. `actions`: which attempt buttons to show. */
export function showSubmitError(text, actions = []) {
  const node = $("submit-error");
  $("submit-error-text").textContent = text;
  for (const name of ["check", "retry", "edit", "release"]) $(`attempt-${name}`).hidden = !actions.includes(name);
  node.hidden = !text;
}
