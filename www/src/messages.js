// Plain words for the library's problems, the backend's errors, and the labels of catalog ids.
import { count, countryName, months, plainMoney } from "./format.js";

const METHOD_LABELS = { card: "Credit card", paypal: "PayPal" };

export function methodLabel(id) {
  return METHOD_LABELS[id] ?? id;
}

/** "Brazil", "Brazil or Mexico", "Brazil, Mexico or Chile". */
function orList(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

function sentence(text) {
  const t = String(text ?? "").trim();
  if (!t) return "Something in this order needs attention.";
  const s = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

const SEATS_RANGE = `between 1 and ${count(10000)} seats`;

const INVALID_FIELD_BY_PATH = {
  "subscription.addSeats": () => `Add ${SEATS_RANGE}.`,
  "newSubscription.seats": () => `Choose ${SEATS_RANGE}.`,
  "newSubscription.termMonths": (d) =>
    d?.terms ? `Choose a subscription term of ${orList(d.terms.map(String))} months.` : "Choose a subscription term.",
  "invoice.companyName": () => "Enter the company name for the invoice (up to 200 characters).",
  "invoice.country": () => "Choose the company's country.",
  "invoice.address": () => "Shorten the company address to 500 characters or fewer.",
  "payment.installments": () => "Choose how many installments to pay in.",
  "creditPackage.creditsPerMonth": () => "This package comes with a fixed number of credits a month.",
};

/**
 * One problem (`{ code, field, message, details }`) in plain words.
 * @param {{ catalog: object }} ctx
 */
export function problemMessage(problem, { catalog } = {}) {
  const d = problem.details ?? {};
  const custom = catalog?.creditPackages?.find((p) => p.step);
  switch (problem.code) {
    case "NOT_ADMIN":
      return "Only an account admin can buy AI credits. Ask an admin of this account to make the purchase.";
    case "NO_ACTIVE_SUBSCRIPTION":
      return "This account has no active subscription. Add a new subscription to this order to buy AI credits.";
    case "SUBSCRIPTION_ALREADY_ACTIVE":
      return "This account already has an active subscription, so a new one cannot be added.";
    case "EMPTY_ORDER":
      return "Your order is empty. Choose a credit package or a subscription change.";
    case "UNKNOWN_PACKAGE":
      return "This credit package is not available. Choose another package.";
    case "UNKNOWN_PLAN":
      return "This plan is not available. Choose another plan.";
    case "CUSTOM_CREDITS_TOO_LOW":
      return `${custom?.name ?? "This package"} starts at ${count(d.min ?? custom?.creditsPerMonth)} credits a month.`;
    case "CUSTOM_CREDITS_TOO_HIGH":
      return `${custom?.name ?? "This package"} goes up to ${count(d.max ?? custom?.maxCreditsPerMonth)} credits a month.`;
    case "CUSTOM_CREDITS_NOT_A_STEP": {
      const step = custom?.step ? ` It grows in steps of ${count(custom.step.credits)} credits.` : "";
      const choices = [d.below, d.above].filter((v) => typeof v === "number").map(count);
      return `Choose ${orList(choices)} credits a month.${step}`;
    }
    case "PACKAGE_TERM_TOO_SHORT":
      return d.renewalNeeded
        ? `A credit package runs for at least ${months(d.minMonths)}, and your subscription ends too soon. Renew the subscription for another term to buy a package.`
        : `A credit package runs for at least ${months(d.minMonths ?? catalog?.packageTerm?.minMonths)}.`;
    case "PACKAGE_TERM_EXCEEDS_SUBSCRIPTION":
      if (d.renewalNeeded) {
        const left = d.maxMonths === 1 ? "only 1 credit cycle is left" : `only ${d.maxMonths} credit cycles are left`;
        const min = catalog?.packageTerm?.minMonths;
        return `Your subscription ends too soon: ${left} in this billing period${min ? `, and a package runs for at least ${months(min)}` : ""}. Renew the subscription for another term to buy a package.`;
      }
      return `The package must end by the end of your subscription period: choose ${months(d.maxMonths)} or fewer.`;
    case "INSTALLMENTS_NOT_AVAILABLE":
      if (d.reason === "method") {
        const methods = (d.methods ?? catalog?.installments?.methods ?? []).map((m) => methodLabel(m).toLowerCase());
        return `Installments are available only when paying by ${orList(methods) || "another method"}. Choose pay in full, or change the payment method.`;
      }
      return `Installments are available only for accounts based in ${orList((d.countries ?? catalog?.installments?.countries ?? []).map(countryName))}.`;
    case "INSTALLMENTS_TOO_MANY":
      return `You can pay in at most ${d.maxCount ?? catalog?.installments?.maxCount} installments.`;
    case "UNKNOWN_PAYMENT_METHOD":
      return `Choose a payment method: ${orList((catalog?.paymentMethods ?? []).map(methodLabel))}.`;
    case "PLAN_NOT_AN_UPGRADE":
      return "Choose a plan that costs more per seat than your current plan.";
    case "AMOUNT_OVERFLOW":
      return "This order is too large to process. Lower the quantities.";
    case "INVALID_CATALOG":
      return "The price list could not be read. Try again later.";
    case "INVALID_FIELD": {
      const message = INVALID_FIELD_BY_PATH[problem.field];
      return message ? message(d) : sentence(problem.message);
    }
    case "INVALID_INPUT":
      if (problem.field === "subscription.addSeats" || problem.field === "newSubscription.seats") {
        return `Enter a whole number of seats, ${SEATS_RANGE}.`;
      }
      return sentence(problem.message);
    default:
      return sentence(problem.message);
  }
}

/** Label of a notice (Quote.notices); null for those shown elsewhere in the summary. */
export function noticeMessage(notice) {
  switch (notice.code) {
    case "USES_SAVED_CARD":
      return "Auto-renewal is on, so this package is charged to the saved card.";
    case "AUTO_RENEWAL_ENABLED":
      return "This order includes a subscription action, so auto-renewal turns on after payment.";
    case "UNUSED_CREDITS_EXPIRE":
      return null; // #summary-next-reset says it
    default:
      return sentence(notice.message);
  }
}

/** quote.autoRenewal in words. */
export function autoRenewalMessage({ before, after, reason }) {
  const state = after ? "on" : "off";
  if (reason === "subscription_action") {
    return `Auto-renewal after payment: ${state} — ${before ? "stays" : "turns"} on because the order includes a subscription action.`;
  }
  return `Auto-renewal after payment: ${state} — stays ${state}: a package-only order does not change it.`;
}

/** quote.payment.chargedTo in words. */
export function chargedToLabel(chargedTo) {
  return chargedTo === "saved_card" ? "the saved card" : methodLabel(chargedTo);
}

/**
 * A failed POST /api/orders (or any ApiError) in plain words.
 * @param {import("./api.js").ApiError} error
 */
export function submitErrorMessage(error, { currency, catalog } = {}) {
  const e = error.details ?? {};
  switch (error.code) {
    case "FINGERPRINT_MISMATCH": {
      const cur = e.currency ?? currency;
      return `The price changed while you were checking out: the total is now ${plainMoney(e.serverTotal, cur)} instead of ${plainMoney(e.clientTotal, cur)}. The summary has been updated: review it and proceed again.`;
    }
    case "INVALID_ORDER": {
      const problems = Array.isArray(e.problems) ? e.problems : [];
      const list = problems.map((p) => problemMessage(p, { catalog })).join(" ");
      return `The order could not be accepted. ${list || sentence(e.message)}`.trim();
    }
    case "NETWORK":
      return "Could not reach the server. Check your connection and try again.";
    default:
      break;
  }
  switch (error.status) {
    case 400:
      return "The server could not read this order. Reload the page and try again.";
    case 404:
      return "This account or order was not found. Reload the page and try again.";
    case 413:
      return "This order is too large to send. Shorten the invoice details and try again.";
    case 415:
      return "The order was not sent in a format the server accepts. Reload the page and try again.";
    case 409:
      return `${sentence(e.message || "This order conflicts with an earlier one")} Review it and try again.`;
    default:
      if (error.status >= 500) return "The server had a problem and the order was not placed. Try again in a moment.";
      return sentence(e.message || "The order could not be placed. Try again.");
  }
}

/** A failed page load in plain words. */
export function loadErrorMessage(error) {
  if (error?.code === "NETWORK") return "Could not reach the server. Check your connection and reload the page.";
  if (error?.code === "INVALID_CATALOG") return "The price list could not be read. Reload the page later.";
  return `The billing page could not load (${error?.message ?? error}). Reload the page to try again.`;
}
