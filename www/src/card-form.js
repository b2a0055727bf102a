// The card step: number, expiry and CVC with the usual checks (Luhn, a future expiry, 3 or 4
// digits, the brand from the leading digits), and the saved card that auto-renewal charges.
// The details go to the gateway's tokenizing route only, never into the order.
import * as api from "./api.js";
import { $ } from "./dom.js";
import { t } from "./i18n.js";
import { app } from "./state.js";

const BRANDS = { visa: "Visa", mastercard: "Mastercard", amex: "American Express", discover: "Discover", card: "" };

export const brandName = (brand) => BRANDS[brand] ?? "";

/** Luhn's check over a string of digits. */
export function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d > 4 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function detectBrand(digits) {
  const p = (n) => Number(digits.slice(0, n));
  if (digits.startsWith("4")) return "visa";
  if ([34, 37].includes(p(2))) return "amex";
  if ((p(2) >= 51 && p(2) <= 55) || (p(4) >= 2221 && p(4) <= 2720)) return "mastercard";
  if (p(2) === 65 || p(4) === 6011) return "discover";
  return "card";
}

const digitsOf = (text) => text.replace(/[\s-]/g, "");

/** The card fields read and checked against the account's date: `{ card, errors }`. */
export function readCard(today = app.accountInfo?.today ?? "") {
  const number = digitsOf($("card-number").value);
  const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec($("card-expiry").value);
  const cvc = $("card-cvc").value.trim();
  const errors = {};
  if (!number) errors.number = t("card.error.numberMissing");
  else if (!/^\d{12,19}$/.test(number) || !luhn(number)) errors.number = t("card.error.number");
  const month = expiry ? Number(expiry[1]) : 0;
  const year = expiry ? Number(expiry[2].length === 2 ? `20${expiry[2]}` : expiry[2]) : 0;
  const [ty, tm] = today.split("-").map(Number);
  if (!expiry || month < 1 || month > 12) errors.expiry = t("card.error.expiry");
  else if (year < ty || (year === ty && month < tm)) errors.expiry = t("card.error.expired");
  const cvcDigits = detectBrand(number) === "amex" ? [4] : [3, 4];
  if (!/^\d+$/.test(cvc) || !cvcDigits.includes(cvc.length)) errors.cvc = t("card.error.cvc");
  return { card: { type: "card", number, expMonth: month, expYear: year, cvc }, errors };
}

const FIELDS = ["number", "expiry", "cvc"];
const input = (f) => $(`card-${f}`);

/** Shows each field's error (or clears it); focuses the first one when `focus`. */
export function showCardErrors(errors, { focus = false } = {}) {
  for (const f of FIELDS) {
    $(`err-card-${f}`).textContent = errors[f] ?? "";
    if (errors[f]) input(f).setAttribute("aria-invalid", "true");
    else input(f).removeAttribute("aria-invalid");
  }
  const first = FIELDS.find((f) => errors[f]);
  if (focus && first) input(first).focus();
  return Boolean(first);
}

/** The card checked, then tokenized by the gateway: the token, or null (errors shown). */
export async function tokenizeCard() {
  const { card, errors } = readCard();
  if (showCardErrors(errors, { focus: true })) return null;
  try {
    const method = await api.createPaymentMethod(card);
    return method.id;
  } catch (error) {
    const field = error.details?.field;
    if (error instanceof api.ApiError && FIELDS.includes(field)) {
      showCardErrors({ [field]: t(`card.error.${error.code}`) }, { focus: true });
      return null;
    }
    throw error;
  }
}

/** Which payment step the order needs: "card", "paypal", or "saved" (the card on file). */
export function paymentStep(quote = app.quote ?? app.preview) {
  const chargedTo = quote?.payment?.chargedTo ?? app.state?.method ?? "";
  if (chargedTo.startsWith("saved_")) return "saved";
  return chargedTo;
}

export function savedCardLabel(card = app.accountInfo?.savedCard) {
  if (!card) return t("method.savedCard");
  return `${brandName(card.brand) || t("card.generic")} •••• ${card.last4}`;
}

/** Shows the card form, the PayPal note or the saved card, as the order's charge goes. */
export function renderCardStep() {
  const step = app.state ? paymentStep() : "";
  $("card-step").hidden = step !== "card";
  $("paypal-note").hidden = step !== "paypal";
  const saved = app.accountInfo?.savedCard;
  const renews = Boolean(app.accountInfo?.account?.autoRenewal);
  $("saved-card").hidden = !(saved && renews);
  $("saved-card-label").textContent = savedCardLabel(saved);
  $("saved-card-why").textContent =
    step === "saved" ? t("card.savedApplies", { card: savedCardLabel(saved) }) : t("card.savedRenewals");
  const digits = digitsOf($("card-number").value);
  $("card-brand").textContent = digits.length >= 2 ? brandName(detectBrand(digits)) : "";
}

export function bindCardForm() {
  for (const f of FIELDS) {
    // A field's error clears as soon as it is edited.
    input(f).addEventListener("input", () => {
      $(`err-card-${f}`).textContent = "";
      input(f).removeAttribute("aria-invalid");
      renderCardStep();
    });
  }
}

/** Empties the card fields (after a payment). */
export function clearCard() {
  for (const f of FIELDS) input(f).value = "";
  showCardErrors({});
}
