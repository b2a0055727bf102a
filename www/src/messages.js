// Plain words, in the chosen language, for the library's problems, the backend's errors and the
// labels of catalog ids. The texts themselves are in i18n/.
import { savedCardLabel } from "./card-form.js";
import { count, countryName, date, money, orList } from "./format.js";
import { language, t } from "./i18n.js";

export function methodLabel(id) {
  const key = `method.${id}`;
  const text = t(key);
  return text === key ? id : text;
}

/** The library's own English message, only on the English page; a plain request otherwise. */
function fallback(message) {
  const text = String(message ?? "").trim();
  if (!text) return t("problem.generic");
  if (language() !== "en") return t("problem.invalidValue");
  const s = text[0].toUpperCase() + text.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

function has(key) {
  return t(key) !== key;
}

/**
 * One problem (`{ code, field, message, details }`) in plain words.
 * @param {{ catalog: object }} ctx
 */
export function problemMessage(problem, { catalog } = {}) {
  const d = problem.details ?? {};
  const custom = catalog?.creditPackages?.find((p) => p.step);
  const name = custom?.name ?? "";
  switch (problem.code) {
    case "CUSTOM_CREDITS_TOO_LOW":
      return t("problem.CUSTOM_CREDITS_TOO_LOW", { name, min: d.min ?? custom?.creditsPerMonth });
    case "CUSTOM_CREDITS_TOO_HIGH":
      return t("problem.CUSTOM_CREDITS_TOO_HIGH", { name, max: d.max ?? custom?.maxCreditsPerMonth });
    case "CUSTOM_CREDITS_NOT_A_STEP": {
      const choices = [d.below, d.above].filter((v) => typeof v === "number").map(count);
      return t("problem.CUSTOM_CREDITS_NOT_A_STEP", { choices: orList(choices), step: custom?.step?.credits });
    }
    case "PACKAGE_TERM_TOO_SHORT": {
      const min = d.minMonths ?? catalog?.packageTerm?.minMonths;
      return t(d.renewalNeeded ? "problem.PACKAGE_TERM_TOO_SHORT.renew" : "problem.PACKAGE_TERM_TOO_SHORT", { min });
    }
    case "PACKAGE_TERM_EXCEEDS_SUBSCRIPTION":
      return d.renewalNeeded
        ? t("problem.PACKAGE_TERM_EXCEEDS_SUBSCRIPTION.renew", { left: d.maxMonths, min: catalog?.packageTerm?.minMonths })
        : t("problem.PACKAGE_TERM_EXCEEDS_SUBSCRIPTION", { max: d.maxMonths });
    case "INSTALLMENTS_NOT_AVAILABLE":
      if (d.reason === "method") {
        const methods = (d.methods ?? catalog?.installments?.methods ?? []).map((m) => methodLabel(m).toLowerCase());
        return t("problem.INSTALLMENTS_NOT_AVAILABLE.method", { methods: orList(methods) });
      }
      return t("problem.INSTALLMENTS_NOT_AVAILABLE", {
        countries: orList((d.countries ?? catalog?.installments?.countries ?? []).map(countryName)),
      });
    case "PACKAGE_NOT_AN_UPGRADE":
      return t("problem.PACKAGE_NOT_AN_UPGRADE", {
        name: catalog?.creditPackages?.find((p) => p.id === d.currentId)?.name ?? d.currentId ?? "",
        credits: d.currentCreditsPerMonth,
        end: d.currentEnd ? date(d.currentEnd) : "",
      });
    case "INSTALLMENTS_TOO_MANY":
      return t("problem.INSTALLMENTS_TOO_MANY", { max: d.maxCount ?? catalog?.installments?.maxCount });
    case "UNKNOWN_PAYMENT_METHOD":
      return t("problem.UNKNOWN_PAYMENT_METHOD", { methods: orList((catalog?.paymentMethods ?? []).map(methodLabel)) });
    case "INVALID_FIELD": {
      const key = `problem.field.${problem.field}`;
      if (!has(key)) return fallback(problem.message);
      return t(key, { terms: d.terms ? orList(d.terms.map(count)) : null });
    }
    case "INVALID_INPUT":
      if (problem.field === "subscription.addSeats" || problem.field === "newSubscription.seats") {
        return t("problem.wholeSeats");
      }
      return fallback(problem.message);
    default:
      return has(`problem.${problem.code}`) ? t(`problem.${problem.code}`) : fallback(problem.message);
  }
}

/** Label of a notice (Quote.notices); null for those shown elsewhere in the summary. */
export function noticeMessage(notice) {
  if (notice.code === "UNUSED_CREDITS_EXPIRE") return null; // #summary-next-reset says it
  const key = `notice.${notice.code}`;
  return has(key) ? t(key) : language() === "en" ? fallback(notice.message) : t("notice.other");
}

/** quote.autoRenewal in words. */
export function autoRenewalMessage({ before, after, reason }) {
  return reason === "subscription_action"
    ? t("autoRenewal.action", { on: after, stays: before })
    : t("autoRenewal.unchanged", { on: after });
}

/** quote.payment.chargedTo in words. */
export function chargedToLabel(chargedTo) {
  return chargedTo === "saved_card" ? savedCardLabel() : methodLabel(chargedTo);
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
      return t("error.FINGERPRINT_MISMATCH", { server: money(e.serverTotal, cur), client: money(e.clientTotal, cur) });
    }
    case "INVALID_ORDER":
    case "INVALID_TAX_ID":
    case "TAX_ID_WITHOUT_INVOICE": {
      const problems = Array.isArray(e.problems) ? e.problems : [];
      const list = problems.map((p) => problemMessage(p, { catalog })).join(" ");
      return t("error.INVALID_ORDER", { list: list || fallback(e.message) }).trim();
    }
    case "ORDER_IN_PROGRESS":
      return t("error.ORDER_IN_PROGRESS", { number: e.orderNumber });
    case "NETWORK":
    case "TIMEOUT":
      return t(`error.${error.code}`);
    default:
      break;
  }
  if ([400, 404, 409, 413, 415, 422].includes(error.status)) return t(`error.${error.status}`);
  if (error.status >= 500) return t("error.500");
  return t("error.other");
}

/** A failed page load in plain words. */
export function loadErrorMessage(error) {
  if (error?.code === "NETWORK" || error?.code === "TIMEOUT") return t("load.NETWORK");
  if (error?.code === "INVALID_CATALOG") return t("load.INVALID_CATALOG");
  if (error?.code === "NO_ACCOUNTS") return t("load.noAccounts");
  return t("load.other");
}
