// The package term: the terms that fit the billing period, each with its dates and price.
import { $, setOptions } from "./dom.js";
import { months, plainMoney } from "./format.js";
import { buildOrder, termsProbe } from "./order.js";
import { app, safely } from "./state.js";

export function renderTerm(hasPackage) {
  const { state, catalog, fmt } = app;
  $("term-field").hidden = !hasPackage;
  if (!hasPackage) return;

  // Package terms: from the order reduced to what decides them; on failure keep the last ones.
  const order = buildOrder(catalog, app.accountInfo, state);
  const terms = safely(() => app.checkout.packageTerms(termsProbe(order)));
  if (terms) app.terms = terms;
  const term = $("term");
  if (app.terms.length) {
    if (!app.terms.some((t) => t.months === state.months)) state.months = app.terms[0].months;
    term.disabled = false;
    setOptions(
      term,
      app.terms.map((t) => [t.months, `${months(t.months)} · ${fmt.range(t.start, t.end)} · ${plainMoney(t.price, catalog.currency)}`]),
      state.months,
    );
  } else {
    state.months = null; // the minimum: the library explains why it does not fit
    term.disabled = true;
    setOptions(term, [["", "No term fits the current billing period"]], "");
  }
}

export function readTerm(state) {
  if (!$("term").disabled && $("term").value) state.months = Number($("term").value);
}
