// The order summary: the lines, totals, payment schedule, credits, what happens after payment,
// and the "Proceed to payment" button.
import { $, el } from "./dom.js";
import { count, fromMinor } from "./format.js";
import { autoRenewalMessage, chargedToLabel, noticeMessage } from "./messages.js";
import { app } from "./state.js";

function renderEmptySummary() {
  const total = $("summary-total");
  $("summary-lines").replaceChildren(
    el("li", { class: "lines-empty", text: "Fix the points above to see the price." }),
  );
  for (const id of ["summary-subtotal", "summary-commission"]) $(id).textContent = "—";
  total.textContent = "—";
  total.removeAttribute("data-amount");
  $("summary-commission-label").textContent = "Commission";
  $("summary-charged-to").textContent = "";
  $("summary-schedule").replaceChildren();
  $("summary-credits").textContent = "—";
  $("summary-next-reset").textContent = "";
  $("summary-autorenewal").textContent = "";
  $("summary-notices").replaceChildren();
}

export function renderSummary() {
  const { preview: quote, fmt, catalog } = app;
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
          el("span", { text: line.description }),
          el("small", { text: fmt.range(line.periodStart, line.periodEnd) }),
        ),
        el("span", { class: "line-amount", text: fmt.money(line.amount), dataset: { amount: line.amount } }),
      ),
    ),
  );
  $("summary-subtotal").textContent = quote.display.subtotal;
  $("summary-commission").textContent = quote.display.commission;
  $("summary-commission-label").textContent =
    quote.commission !== fromMinor(0n, catalog.minorUnits)
      ? `Commission (${quote.installments.commissionPercent}%)`
      : "Commission";
  total.textContent = quote.display.total;
  total.dataset.amount = quote.total;

  const inst = quote.installments;
  const method = chargedToLabel(quote.payment.chargedTo);
  $("summary-charged-to").textContent =
    inst.count > 1
      ? `Charged to: ${method} · ${inst.count} installments of ${quote.display.installment}${inst.processor ? ` through ${inst.processor}` : ""}${inst.interestFree ? ", interest-free" : ""}`
      : `Charged to: ${method} · paid in full`;

  $("summary-schedule").replaceChildren(
    ...inst.schedule.map((s) =>
      el(
        "li",
        { dataset: { number: String(s.number), amount: s.amount } },
        el("span", { class: "sched-n", text: `${s.number}.` }),
        el("span", { class: "sched-date", text: fmt.date(s.dueDate) }),
        el("span", { class: "sched-amount", text: fmt.money(s.amount) }),
      ),
    ),
  );

  const c = quote.credits;
  $("summary-credits").textContent =
    `${count(c.includedPerMonth)} included + ${count(c.packagePerMonth)} package = ${count(c.totalPerMonth)} credits a month`;
  $("summary-next-reset").textContent =
    `Credits reset on ${fmt.date(c.nextReset)}; unused credits expire and do not carry over.`;
  $("summary-autorenewal").textContent = autoRenewalMessage(quote.autoRenewal);
  $("summary-notices").replaceChildren(
    ...quote.notices
      .map((n) => [n, noticeMessage(n)])
      .filter(([, text]) => text)
      .map(([n, text]) => el("li", { text, dataset: { code: n.code } })),
  );
}

export function renderProceed() {
  $("proceed").disabled = app.submitting || !app.quote || app.problems.length > 0;
}

/** The banner above "Proceed to payment"; "" hides it. */
export function showSubmitError(text) {
  const node = $("submit-error");
  node.textContent = text;
  node.hidden = !text;
}
