// The checkout form's state, and the Order (SPEC 2.2) built from it. No DOM here.
import { parseCount } from "./format.js";
import { locale } from "./i18n.js";

/** True when the account must buy a new subscription in the same order (R1). */
export function needsNewSubscription(account) {
  return account?.subscription?.status !== "active";
}

/**
 * "" stays null; a whole number (with the locale's grouping) becomes a Number; anything else
 * ("1e3", "2.5", "-1") stays text, which the library reports as not a whole number.
 */
export function parseNumber(text) {
  const value = parseCount(text);
  return Number.isNaN(value) ? String(text).trim() : value;
}

/** The form's starting point for one account. */
export function initialState(catalog, accountInfo) {
  const { account } = accountInfo;
  const custom = catalog.creditPackages.find((p) => p.step);
  const accountTerm = account.subscription?.termMonths;
  return {
    packageId: catalog.creditPackages[0]?.id ?? null,
    customCredits: custom ? custom.creditsPerMonth : null,
    months: null, // null: the first (shortest) valid term
    renew: false,
    upgradeTo: "",
    addSeats: "",
    newSubscription: {
      plan: catalog.plans.some((p) => p.id === account.plan) ? account.plan : catalog.plans[0]?.id,
      seats: String(account.seats ?? 1),
      termMonths: catalog.subscriptionTerms.includes(accountTerm) ? accountTerm : catalog.subscriptionTerms[0],
    },
    method: catalog.paymentMethods[0],
    installments: 1,
    installmentsAvailable: false, // set from installmentOptions(): false means the order pays in full
    invoice: { wanted: false, companyName: "", country: account.country, address: "", taxId: "" },
  };
}

/** The Order for the library and the backend; only the keys that are in use (no undefined). */
export function buildOrder(catalog, accountInfo, state) {
  const order = { asOf: accountInfo.today, account: accountInfo.account };

  if (needsNewSubscription(accountInfo.account)) {
    const seats = parseNumber(state.newSubscription.seats);
    order.newSubscription = {
      plan: state.newSubscription.plan,
      seats: seats ?? 0,
      termMonths: Number(state.newSubscription.termMonths),
    };
  } else {
    const subscription = {};
    if (state.renew) subscription.renew = true;
    if (state.upgradeTo) subscription.upgradeTo = state.upgradeTo;
    const addSeats = parseNumber(state.addSeats);
    if (addSeats !== null && addSeats !== 0) subscription.addSeats = addSeats;
    if (Object.keys(subscription).length) order.subscription = subscription;
  }

  if (state.packageId) {
    const creditPackage = { id: state.packageId };
    const entry = catalog.creditPackages.find((p) => p.id === state.packageId);
    if (entry?.step) creditPackage.creditsPerMonth = state.customCredits;
    creditPackage.months = state.months ?? catalog.packageTerm.minMonths;
    order.creditPackage = creditPackage;
  }

  order.payment = {
    method: state.method,
    installments: state.installmentsAvailable ? Number(state.installments) : 1,
  };

  if (state.invoice.wanted) {
    const invoice = { companyName: state.invoice.companyName, country: state.invoice.country };
    if (state.invoice.address.trim()) invoice.address = state.invoice.address;
    order.invoice = invoice;
  }

  // Display strings follow the language the user reads the page in.
  order.locale = locale();
  return order;
}

/**
 * The order reduced to what decides the package terms (the subscription's end: renew, or the new
 * subscription's term), so that a half-typed invoice or seat count does not hide them.
 */
export function termsProbe(order) {
  const { invoice, subscription, newSubscription, ...rest } = order;
  const probe = { ...rest, payment: { method: order.payment.method, installments: 1 } };
  if (subscription?.renew) probe.subscription = { renew: true };
  if (newSubscription) {
    const seats = Number.isInteger(newSubscription.seats) && newSubscription.seats >= 1 ? newSubscription.seats : 1;
    probe.newSubscription = { ...newSubscription, seats: Math.min(seats, 10000) };
  }
  return probe;
}

/** The order without the invoice, which does not change the amounts. */
export function withoutInvoice(order) {
  const { invoice, ...rest } = order;
  return rest;
}

/** The order without the invoice and paid in full: what installment options are computed from. */
export function installmentsProbe(order) {
  return { ...withoutInvoice(order), payment: { method: order.payment.method, installments: 1 } };
}

/** A small order that only checks whether this account may buy (R1). */
export function accessProbe(catalog, accountInfo) {
  const state = initialState(catalog, accountInfo);
  return buildOrder(catalog, accountInfo, state);
}
