// The package term: the terms that fit the billing period, each with its dates and price.
import { $, setOptions } from "./dom.js";
import { date, money, range } from "./format.js";
import { t } from "./i18n.js";
import { buildOrder, termsProbe } from "./order.js";
import { app, safely } from "./state.js";

export function renderTerm(hasPackage) {
  const { state, catalog } = app;
  $("term-field").hidden = !hasPackage;
  if (!hasPackage) return;

  // Package terms: from the order reduced to what decides them; on failure keep the last ones.
  const order = buildOrder(catalog, app.accountInfo, state);
  const terms = safely(() => app.checkout.packageTerms(termsProbe(order)));
  if (terms) app.terms = terms;
  const term = $("term");
  if (app.terms.length) {
    if (!app.terms.some((o) => o.months === state.months)) state.months = app.terms[0].months;
    term.disabled = false;
    setOptions(
      term,
      app.terms.map((o) => [o.months, t("term.option", { n: o.months, price: money(o.price), end: date(o.end) })]),
      state.months,
    );
    const chosen = app.terms.find((o) => o.months === state.months);
    $("term-detail").textContent = chosen ? `${range(chosen.start, chosen.end)} · ${money(chosen.price)}` : "";
  } else {
    state.months = null; // the minimum: the library explains why it does not fit
    term.disabled = true;
    setOptions(term, [["", t("term.none")]], "");
    $("term-detail").textContent = "";
  }
}

export function readTerm(state) {
  if (!$("term").disabled && $("term").value) state.months = Number($("term").value);
}
