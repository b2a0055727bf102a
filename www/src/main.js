// App state and wiring: loads the catalog and accounts, keeps the checkout form in `app.state`,
// recomputes the live preview with the Wasm library on every edit (no network), submits orders.
import "./style.css";
import { Checkout, CheckoutError } from "credit-checkout";
import * as api from "./api.js";
import { count, countryName, fromMinor, makeFormat, months, plainMoney, toMinor } from "./format.js";
import {
  autoRenewalMessage,
  chargedToLabel,
  loadErrorMessage,
  methodLabel,
  noticeMessage,
  problemMessage,
  submitErrorMessage,
} from "./messages.js";
import {
  accessProbe,
  buildOrder,
  initialState,
  installmentsProbe,
  needsNewSubscription,
  termsProbe,
  withoutInvoice,
} from "./order.js";

/** The engine's largest credit figure, where a custom package names no maximum. */
const MAX_CREDITS = 1_000_000_000;
const INVOICE_COUNTRIES = ["AR", "BR", "CA", "CL", "CO", "DE", "ES", "FR", "GB", "IT", "MX", "NL", "PT", "US"];

const $ = (id) => document.getElementById(id);

/** Everything the page knows; the DOM is rendered from it. */
const app = {
  checkout: null, // Checkout (Wasm)
  catalog: null,
  accounts: [],
  accountInfo: null, // { id, name, today, locale, account, creditPackage }
  fmt: null,
  state: null, // the form (order.js)
  canBuy: false,
  checkoutOpen: false,
  terms: [], // TermOption[] last computed
  installmentOptions: [],
  order: null,
  problems: [],
  quote: null, // the quote of a valid order: what Proceed submits
  preview: null, // what the summary shows (the quote, or the price while only invoice details are missing)
  submitting: false,
  accountSeq: 0,
  ordersSeq: 0,
};

// ---------------------------------------------------------------------------------------------
// Small DOM helpers

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** Replace a select's options, only when they changed (keeps focus and scroll steady). */
function setOptions(select, options, value) {
  const key = JSON.stringify(options);
  if (select.dataset.key !== key) {
    select.replaceChildren(...options.map(([v, text]) => el("option", { value: String(v), text })));
    select.dataset.key = key;
  }
  if (value !== undefined) select.value = String(value);
}

// ---------------------------------------------------------------------------------------------
// Tabs (WAI-ARIA tabs: arrows, Home, End)

const tabs = [$("tab-billing"), $("tab-orders")];

function selectTab(tab, { focus = false } = {}) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute("aria-selected", String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !selected;
  }
  if (focus) tab.focus();
}

for (const tab of tabs) {
  tab.addEventListener("click", () => selectTab(tab));
  tab.addEventListener("keydown", (event) => {
    const i = tabs.indexOf(tab);
    const next = {
      ArrowRight: tabs[(i + 1) % tabs.length],
      ArrowLeft: tabs[(i - 1 + tabs.length) % tabs.length],
      Home: tabs[0],
      End: tabs[tabs.length - 1],
    }[event.key];
    if (next) {
      event.preventDefault();
      selectTab(next, { focus: true });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Catalog-driven controls

function planOf(id) {
  return app.catalog.plans.find((p) => p.id === id);
}

function packageOf(id) {
  return app.catalog.creditPackages.find((p) => p.id === id);
}

function customPackage() {
  return app.catalog.creditPackages.find((p) => p.step);
}

/** Price a month of the custom package at `credits` (base + k x step), exact in minor units. */
function customPricePerMonth(pkg, credits) {
  const mu = app.catalog.minorUnits;
  const steps = BigInt(Math.max(0, Math.round((credits - pkg.creditsPerMonth) / pkg.step.credits)));
  return fromMinor(toMinor(pkg.pricePerMonth, mu) + steps * toMinor(pkg.step.pricePerMonth, mu), mu);
}

function renderCatalogControls() {
  const { catalog } = app;
  const cur = catalog.currency;

  $("package-options").replaceChildren(
    ...catalog.creditPackages.map((pkg) => {
      const from = pkg.step ? "from " : "";
      return el(
        "label",
        { class: "choice" },
        el("input", { type: "radio", name: "package", value: pkg.id, dataset: { field: "creditPackage.id" } }),
        el(
          "span",
          { class: "choice-body" },
          el("span", { class: "choice-title", text: pkg.name }),
          el("span", {
            class: "choice-meta",
            text: `${from}${count(pkg.creditsPerMonth)} credits a month · ${from}${plainMoney(pkg.pricePerMonth, cur)} a month`,
          }),
        ),
      );
    }),
  );

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

  const custom = customPackage();
  if (custom) {
    $("custom-stepper").querySelector("label").textContent = `${custom.name} credits a month`;
    $("custom-hint").textContent =
      `+${plainMoney(custom.step.pricePerMonth, cur)} a month per ${count(custom.step.credits)} credits · ` +
      `${count(custom.creditsPerMonth)} to ${count(custom.maxCreditsPerMonth ?? MAX_CREDITS)} credits a month`;
    $("custom-minus").setAttribute("aria-label", `${count(custom.step.credits)} fewer credits a month`);
    $("custom-plus").setAttribute("aria-label", `${count(custom.step.credits)} more credits a month`);
  }

  setOptions(
    $("new-plan"),
    catalog.plans.map((p) => [p.id, `${p.name} · ${plainMoney(p.seatPricePerMonth, cur)} per seat`]),
  );
  setOptions($("new-term"), catalog.subscriptionTerms.map((t) => [t, months(t)]));

  const inst = catalog.installments;
  $("installments-hint").textContent =
    `Processed by ${inst.processor}. Up to ${inst.maxCount} installments; interest-free below ${inst.commissionFrom}, ` +
    `a commission applies from ${inst.commissionFrom} installments on. The same count applies to the whole order.`;
}

function renderInvoiceCountries(accountCountry) {
  const codes = INVOICE_COUNTRIES.includes(accountCountry) ? INVOICE_COUNTRIES : [...INVOICE_COUNTRIES, accountCountry];
  const options = codes
    .map((c) => [c, `${countryName(c)} (${c})`])
    .sort((a, b) => a[1].localeCompare(b[1], "en"));
  setOptions($("invoice-country"), options);
}

// ---------------------------------------------------------------------------------------------
// Account: billing overview and access

function renderBilling() {
  const { account, creditPackage } = app.accountInfo;
  const { fmt } = app;
  const plan = planOf(account.plan);
  const sub = account.subscription ?? { status: "none" };
  $("billing-plan").textContent = plan?.name ?? account.plan;
  $("billing-seats").textContent = count(account.seats);
  $("billing-credits").textContent = plan
    ? `${count(plan.creditsPerSeatPerMonth * account.seats)} credits a month (${count(plan.creditsPerSeatPerMonth)} per seat)`
    : "—";
  const status = { active: "Active", expired: "Expired", none: "No subscription" }[sub.status] ?? sub.status;
  $("billing-period").textContent =
    sub.periodStart && sub.periodEnd
      ? `${fmt.range(sub.periodStart, sub.periodEnd)}${sub.status === "active" ? "" : ` (${status.toLowerCase()})`}`
      : status;
  $("billing-autorenewal").textContent = account.autoRenewal ? "On" : "Off";
  if (creditPackage) {
    const name = packageOf(creditPackage.id)?.name ?? creditPackage.id;
    $("billing-package").textContent =
      `${name} · ${count(creditPackage.creditsPerMonth)} credits a month · ${fmt.range(creditPackage.start, creditPackage.end)}`;
  } else {
    $("billing-package").textContent = "None";
  }
  $("billing-summary").removeAttribute("aria-busy");
}

/** Whether this account may buy; the words come from the library's own R1 check. */
function renderAccess() {
  const { accountInfo, catalog } = app;
  let problems = [];
  try {
    problems = app.checkout.validate(accessProbe(catalog, accountInfo));
  } catch {
    problems = [];
  }
  const notAdmin = problems.find((p) => p.code === "NOT_ADMIN") ??
    (accountInfo.account.role !== "admin" ? { code: "NOT_ADMIN", field: "account.role" } : null);
  app.canBuy = !notAdmin;

  const note = $("access-note");
  if (notAdmin) {
    note.textContent = problemMessage(notAdmin, { catalog });
  } else if (needsNewSubscription(accountInfo.account)) {
    const status = accountInfo.account.subscription?.status;
    note.textContent =
      `${status === "expired" ? "This account's subscription has expired" : "This account has no subscription"}. ` +
      "AI credits need an active subscription: the checkout adds a new one to your order.";
  } else {
    note.textContent = "";
  }
  note.hidden = !note.textContent;
  note.classList.toggle("note-warning", Boolean(notAdmin));

  const add = $("add-credits");
  add.disabled = !app.canBuy;
  if (notAdmin) add.setAttribute("aria-describedby", "access-note");
  else add.removeAttribute("aria-describedby");
  if (!app.canBuy) setCheckoutOpen(false);
}

function setCheckoutOpen(open) {
  app.checkoutOpen = open;
  $("checkout").hidden = !open;
  $("add-credits").setAttribute("aria-expanded", String(open));
}

/** Put an account on the page. `reset`: a new account, the checkout starts over. */
function applyAccount(info, { reset }) {
  app.accountInfo = info;
  app.fmt = makeFormat({ locale: info.locale, currency: app.catalog.currency, minorUnits: app.catalog.minorUnits });
  if (reset || !app.state) {
    app.state = initialState(app.catalog, info);
    app.terms = [];
    $("submit-error").hidden = true;
  }
  renderBilling();
  renderInvoiceCountries(info.account.country);
  renderAccess();
  syncForm();
  recompute();
  // Which account the page shows, once it is fully drawn (for styles and tests).
  document.body.dataset.account = info.id;
}

async function loadAccount(id, { reset }) {
  const seq = ++app.accountSeq;
  const info = await api.getAccount(id);
  if (seq !== app.accountSeq) return false;
  applyAccount(info, { reset });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Form <-> state

/** Write the state into the controls (after a reset or a catalog reload). */
function syncForm() {
  const { state, accountInfo, catalog } = app;
  const account = accountInfo.account;
  const newSub = needsNewSubscription(account);

  $("new-subscription-fields").hidden = !newSub;
  $("subscription-fields").hidden = newSub;

  for (const radio of document.querySelectorAll('input[name="package"]')) radio.checked = radio.value === state.packageId;
  for (const radio of document.querySelectorAll('input[name="method"]')) radio.checked = radio.value === state.method;

  // New subscription
  $("new-plan").value = state.newSubscription.plan ?? "";
  $("new-seats").value = state.newSubscription.seats;
  $("new-term").value = String(state.newSubscription.termMonths);

  // Subscription actions
  const plan = planOf(account.plan);
  const mu = catalog.minorUnits;
  const upgrades = plan
    ? catalog.plans.filter((p) => toMinor(p.seatPricePerMonth, mu) > toMinor(plan.seatPricePerMonth, mu))
    : [];
  setOptions(
    $("upgrade"),
    [
      ["", `Keep ${plan?.name ?? account.plan}`],
      ...upgrades.map((p) => [p.id, `${p.name} · ${plainMoney(p.seatPricePerMonth, catalog.currency)} per seat a month`]),
    ],
    state.upgradeTo,
  );
  // After an upgrade the account's plan changes and the chosen plan may no longer be offered.
  if (!upgrades.some((p) => p.id === state.upgradeTo)) state.upgradeTo = "";
  // A renewal already paid for is not sold again (the backend refuses it too).
  const renewedUntil = accountInfo.renewedUntil;
  if (renewedUntil) state.renew = false;
  $("renew").disabled = Boolean(renewedUntil);
  $("renew").checked = state.renew;
  $("add-seats").value = state.addSeats;
  const sub = account.subscription;
  $("renew-hint").textContent = renewedUntil
    ? `Already renewed until ${app.fmt.date(renewedUntil)}.`
    : sub?.periodEnd && sub?.termMonths
      ? `Adds the next ${months(sub.termMonths)} from ${app.fmt.date(sub.periodEnd)}, and lets a package run into it.`
      : "";

  // Invoice
  $("want-invoice").checked = state.invoice.wanted;
  $("invoice-details").hidden = !state.invoice.wanted;
  $("invoice-company").value = state.invoice.companyName;
  $("invoice-country").value = state.invoice.country;
  $("invoice-address").value = state.invoice.address;
}

/** Read the controls into the state (on every input/change). */
function readForm() {
  const { state } = app;
  const checkedPackage = document.querySelector('input[name="package"]:checked');
  state.packageId = checkedPackage ? checkedPackage.value : null;
  const checkedMethod = document.querySelector('input[name="method"]:checked');
  state.method = checkedMethod ? checkedMethod.value : "";

  state.newSubscription = {
    plan: $("new-plan").value,
    seats: $("new-seats").value,
    termMonths: Number($("new-term").value),
  };
  state.renew = $("renew").checked;
  state.upgradeTo = $("upgrade").value;
  state.addSeats = $("add-seats").value;

  if (!$("term").disabled && $("term").value) state.months = Number($("term").value);
  if (!$("installments-field").hidden && $("installments").value) state.installments = Number($("installments").value);

  state.invoice = {
    wanted: $("want-invoice").checked,
    companyName: $("invoice-company").value,
    country: $("invoice-country").value,
    address: $("invoice-address").value,
  };
}

// ---------------------------------------------------------------------------------------------
// The live preview

function safely(fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CheckoutError) return null;
    throw error;
  }
}

function renderPackageControls() {
  const { state, catalog, fmt } = app;
  const pkg = packageOf(state.packageId);
  const custom = pkg?.step ? pkg : null;
  const hasPackage = Boolean(state.packageId);

  $("custom-stepper").hidden = !custom;
  if (custom) {
    const max = custom.maxCreditsPerMonth ?? MAX_CREDITS;
    $("custom-credits").textContent = count(state.customCredits);
    $("custom-price").textContent = `${plainMoney(customPricePerMonth(custom, state.customCredits), catalog.currency)} a month`;
    $("custom-minus").disabled = state.customCredits <= custom.creditsPerMonth;
    $("custom-plus").disabled = state.customCredits >= max;
  }

  $("term-field").hidden = !hasPackage;
  $("remove-package").disabled = !hasPackage;
  $("package-removed-note").hidden = hasPackage;
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

function renderInstallments() {
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

/** Field problems next to their fields; the rest in #order-problems. */
function renderProblems(problems) {
  const ctx = { catalog: app.catalog };
  const byField = new Map();
  const general = [];
  for (const problem of problems) {
    const target = errorTarget(problem.field);
    if (target) {
      if (!byField.has(target)) byField.set(target, []);
      byField.get(target).push(problemMessage(problem, ctx));
    } else {
      general.push(problemMessage(problem, ctx));
    }
  }

  for (const node of document.querySelectorAll("[data-error-for]")) {
    const messages = byField.get(node) ?? [];
    node.textContent = messages.join(" ");
    node.hidden = messages.length === 0;
  }

  const invalidFields = new Set([...byField.keys()].map((node) => node.dataset.errorFor));
  for (const control of document.querySelectorAll("[data-field]")) {
    const field = control.dataset.field;
    const errorId = $(`err-${field.replaceAll(".", "-")}`) ? `err-${field.replaceAll(".", "-")}` : null;
    const invalid = invalidFields.has(field);
    const describedBy = [control.dataset.hint, invalid ? errorId : null].filter(Boolean).join(" ");
    if (describedBy) control.setAttribute("aria-describedby", describedBy);
    else control.removeAttribute("aria-describedby");
    if (invalid) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }

  const list = $("order-problems");
  list.replaceChildren(...general.map((text) => el("li", { text })));
  list.hidden = general.length === 0;
}

/** The error element of a field path, or of its nearest parent; null: a general problem. */
function errorTarget(field) {
  let path = field;
  while (path) {
    const node = document.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
    // A problem only goes next to a field the user can see.
    if (node && !node.closest("[hidden]:not([data-error-for])")) return node;
    path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
  }
  return null;
}

function renderSummary() {
  const { preview: quote, fmt, catalog } = app;
  const total = $("summary-total");
  if (!quote) {
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
    return;
  }

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

function renderProceed() {
  $("proceed").disabled = app.submitting || !app.quote || app.problems.length > 0;
}

/** Recompute everything from the state: synchronous, the network is never waited for. */
function recompute() {
  if (!app.state || !app.accountInfo) return;
  renderPackageControls();
  renderInstallments();
  const order = buildOrder(app.catalog, app.accountInfo, app.state);
  app.order = order;
  app.problems = app.checkout.validate(order);
  app.quote = null;
  if (!app.problems.length) {
    try {
      app.quote = app.checkout.quote(order);
    } catch (error) {
      if (!(error instanceof CheckoutError)) throw error;
      app.problems = error.problems ?? [{ code: error.code, field: error.field ?? "", message: error.message }];
    }
  }
  // Invoice details do not change the price: while only they are missing, still show it.
  app.preview = app.quote;
  if (!app.quote && app.problems.length && app.problems.every((p) => String(p.field ?? "").startsWith("invoice"))) {
    app.preview = safely(() => app.checkout.quote(withoutInvoice(order)));
  }
  renderProblems(app.problems);
  renderSummary();
  renderProceed();
}

// ---------------------------------------------------------------------------------------------
// Events

const form = $("checkout-form");
form.addEventListener("input", onFormEdit);
form.addEventListener("change", onFormEdit);
form.addEventListener("submit", (event) => event.preventDefault());

function onFormEdit(event) {
  if (!app.state) return;
  if (event.target.id === "want-invoice") $("invoice-details").hidden = !event.target.checked;
  readForm();
  recompute();
}

function stepCustom(direction) {
  const custom = customPackage();
  if (!custom || !app.state) return;
  const max = custom.maxCreditsPerMonth ?? MAX_CREDITS;
  const next = app.state.customCredits + direction * custom.step.credits;
  app.state.customCredits = Math.min(max, Math.max(custom.creditsPerMonth, next));
  recompute();
  // Keep the focus on the stepper when a button turns disabled at an end.
  const button = direction > 0 ? $("custom-plus") : $("custom-minus");
  if (button.disabled) (direction > 0 ? $("custom-minus") : $("custom-plus")).focus();
}
$("custom-minus").addEventListener("click", () => stepCustom(-1));
$("custom-plus").addEventListener("click", () => stepCustom(+1));

$("remove-package").addEventListener("click", () => {
  if (!app.state) return;
  app.state.packageId = null;
  for (const radio of document.querySelectorAll('input[name="package"]')) radio.checked = false;
  recompute();
  document.querySelector('input[name="package"]')?.focus();
});

$("add-credits").addEventListener("click", () => {
  if (!app.canBuy) return;
  setCheckoutOpen(true);
  recompute();
  $("checkout").scrollIntoView({ behavior: "smooth", block: "start" });
  $("checkout-title").focus({ preventScroll: true });
});

$("account-select").addEventListener("change", async (event) => {
  const id = event.target.value;
  history.replaceState(null, "", `?account=${encodeURIComponent(id)}`);
  await switchAccount(id);
});

async function switchAccount(id) {
  $("load-error").hidden = true;
  $("submit-error").hidden = true;
  loadOrders(id);
  try {
    await loadAccount(id, { reset: true });
  } catch (error) {
    showLoadError(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Submit

function showSubmitError(text) {
  const node = $("submit-error");
  node.textContent = text;
  node.hidden = !text;
}

$("proceed").addEventListener("click", submitOrder);

async function submitOrder() {
  if (app.submitting) return;
  recompute();
  if (!app.quote || app.problems.length) return;
  const { order, quote } = app;
  const accountId = app.accountInfo.id;
  const seq = app.accountSeq;
  const button = $("proceed");

  app.submitting = true;
  renderProceed();
  button.setAttribute("aria-busy", "true");
  button.textContent = "Processing payment…";
  showSubmitError("");

  try {
    const result = await api.createOrder({ accountId, order, fingerprint: quote.fingerprint }, api.newIdempotencyKey());
    showSuccess(result);
    // The subscription actions are done: a second click must not buy them again.
    Object.assign(app.state, { renew: false, upgradeTo: "", addSeats: "" });
    if (seq === app.accountSeq) {
      loadOrders(accountId);
      await loadAccount(accountId, { reset: false }).catch(() => {});
    }
  } catch (error) {
    if (!(error instanceof api.ApiError)) throw error;
    showSubmitError(submitErrorMessage(error, { currency: app.catalog.currency, catalog: app.catalog }));
    if (error.code === "FINGERPRINT_MISMATCH" && seq === app.accountSeq) await requote(accountId);
  } finally {
    app.submitting = false;
    button.removeAttribute("aria-busy");
    button.textContent = "Proceed to payment";
    renderProceed();
  }
}

/** The server priced the order differently: reload the catalog and the account, recompute. */
async function requote(accountId) {
  try {
    const catalog = await api.getCatalog();
    setCatalog(catalog);
    await loadAccount(accountId, { reset: false });
  } catch {
    recompute();
  }
}

function showSuccess(result) {
  const currency = result.currency ?? app.catalog.currency;
  $("success-order-number").textContent = String(result.number);
  $("success-total").textContent = plainMoney(result.total, currency);
  $("success-dialog").showModal();
}

function closeSuccess() {
  $("success-dialog").close();
}
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

// ---------------------------------------------------------------------------------------------
// Order history

function ordersMessageRow(text, className = "empty") {
  return el("tr", { class: className }, el("td", { colspan: "5", text }));
}

async function loadOrders(accountId) {
  const seq = ++app.ordersSeq;
  const body = $("orders-body");
  body.setAttribute("aria-busy", "true");
  if (!body.querySelector("tr[data-order-number]")) body.replaceChildren(ordersMessageRow("Loading orders…"));
  let orders;
  try {
    orders = await api.getOrders(accountId);
  } catch (error) {
    if (seq !== app.ordersSeq) return;
    body.removeAttribute("aria-busy");
    body.replaceChildren(ordersMessageRow(`The order history could not load. ${submitErrorMessage(error)}`, "empty error-row"));
    return;
  }
  if (seq !== app.ordersSeq) return;
  body.removeAttribute("aria-busy");
  renderOrders(Array.isArray(orders) ? orders : []);
}

function renderOrders(orders) {
  const body = $("orders-body");
  if (!orders.length) {
    body.replaceChildren(ordersMessageRow("No orders yet. Orders you place in Billing · Add-ons appear here."));
    return;
  }
  const fmt = app.fmt ?? makeFormat({ locale: "en-US", currency: "USD", minorUnits: 2 });
  const rows = [];
  for (const order of orders) {
    const number = String(order.number);
    const detailsId = `order-details-${number.replace(/[^\w-]/g, "_")}`;
    const view = el("button", {
      type: "button",
      class: "button subtle small",
      "aria-expanded": "false",
      "aria-controls": detailsId,
      text: "View",
      "aria-label": `View order ${number}`,
    });
    const details = el(
      "tr",
      { id: detailsId, class: "order-details", hidden: true },
      el("td", { colspan: "5" }, el("p", { class: "order-description", text: order.description || "No description." })),
    );
    view.addEventListener("click", () => {
      const open = view.getAttribute("aria-expanded") !== "true";
      view.setAttribute("aria-expanded", String(open));
      view.textContent = open ? "Hide" : "View";
      details.hidden = !open;
    });
    const actions = el(
      "div",
      { class: "row-actions" },
      view,
      order.invoice
        ? el("a", {
            class: "invoice-link",
            href: api.invoiceUrl(number),
            download: "",
            text: "PDF invoice",
            "aria-label": `PDF invoice of order ${number}`,
          })
        : null,
    );
    const status = String(order.status ?? "");
    rows.push(
      el(
        "tr",
        { dataset: { orderNumber: number } },
        el("td", { dataset: { label: "Order number" } }, el("span", { class: "order-number", text: number })),
        el("td", { dataset: { label: "Creation date" }, text: fmt.dateTime(order.createdAt) }),
        el("td", {
          dataset: { label: "Price", amount: String(order.total) },
          text: plainMoney(order.total, order.currency ?? app.catalog?.currency ?? ""),
        }),
        el(
          "td",
          { dataset: { label: "Status" } },
          el("span", { class: `status status-${status.toLowerCase().replace(/[^a-z]/g, "")}`, text: status.charAt(0).toUpperCase() + status.slice(1) }),
        ),
        el("td", { class: "col-actions", dataset: { label: "Actions" } }, actions),
      ),
      details,
    );
  }
  body.replaceChildren(...rows);
}

// ---------------------------------------------------------------------------------------------
// Start

function setCatalog(catalog) {
  app.checkout = new Checkout(catalog);
  app.catalog = app.checkout.catalog;
  renderCatalogControls();
}

function showLoadError(error) {
  const node = $("load-error");
  node.textContent = loadErrorMessage(error);
  node.hidden = false;
}

async function start() {
  try {
    const [catalog, accounts] = await Promise.all([api.getCatalog(), api.getAccounts()]);
    setCatalog(catalog);
    app.accounts = accounts;
    const select = $("account-select");
    setOptions(select, accounts.map((a) => [a.id, a.name]));
    select.disabled = accounts.length === 0;
    if (!accounts.length) {
      showLoadError(new Error("no accounts"));
      return;
    }
    const wanted = new URLSearchParams(location.search).get("account");
    const first = accounts.some((a) => a.id === wanted) ? wanted : accounts[0].id;
    select.value = first;
    await switchAccount(first);
  } catch (error) {
    showLoadError(error);
  }
}

start();
