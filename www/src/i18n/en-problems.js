// English: the library's problems and the backend's errors in plain words.
import { count } from "../format.js";

const months = (n) => (n === 1 ? "1 month" : `${count(n)} months`);
const seatsRange = () => `between 1 and ${count(10000)} seats`;

export default {
  or: "or",
  "problem.generic": "Something in this order needs attention.",
  "problem.PACKAGE_NOT_AN_UPGRADE": ({ name, credits, end }) =>
    `You already run ${name} (${count(credits)} credits a month) until ${end}. A package can only be changed for a bigger one; to buy a smaller package, let the current one end first.`,
  "problem.ALREADY_RENEWED": "The subscription is already renewed for the next period.",
  "problem.NO_SAVED_PAYMENT": "Auto-renewal needs a saved payment: pay an order with a subscription action first.",
  "problem.NOT_ADMIN": "Only an account admin can buy AI credits. Ask an admin of this account to make the purchase.",
  "problem.NO_ACTIVE_SUBSCRIPTION":
    "This account has no active subscription. Add a new subscription to this order to buy AI credits.",
  "problem.SUBSCRIPTION_ALREADY_ACTIVE": "This account already has an active subscription, so a new one cannot be added.",
  "problem.EMPTY_ORDER": "Your order is empty. Choose a credit package or a subscription change.",
  "problem.UNKNOWN_PACKAGE": "This credit package is not available. Choose another package.",
  "problem.UNKNOWN_PLAN": "This plan is not available. Choose another plan.",
  "problem.CUSTOM_CREDITS_TOO_LOW": ({ name, min }) => `${name} starts at ${count(min)} credits a month.`,
  "problem.CUSTOM_CREDITS_TOO_HIGH": ({ name, max }) => `${name} goes up to ${count(max)} credits a month.`,
  "problem.CUSTOM_CREDITS_NOT_A_STEP": ({ choices, step }) =>
    `Choose ${choices} credits a month.${step ? ` It grows in steps of ${count(step)} credits.` : ""}`,
  "problem.PACKAGE_TERM_TOO_SHORT": ({ min }) => `A credit package runs for at least ${months(min)}.`,
  "problem.PACKAGE_TERM_TOO_SHORT.renew": ({ min }) =>
    `A credit package runs for at least ${months(min)}, and your subscription ends too soon. Renew the subscription for another term to buy a package.`,
  "problem.PACKAGE_TERM_EXCEEDS_SUBSCRIPTION": ({ max }) =>
    `The package must end by the end of your subscription period: choose ${months(max)} or fewer.`,
  "problem.PACKAGE_TERM_EXCEEDS_SUBSCRIPTION.renew": ({ left, min }) =>
    `Your subscription ends too soon: ${left === 1 ? "only 1 credit cycle is left" : `only ${count(left)} credit cycles are left`} in this billing period${min ? `, and a package runs for at least ${months(min)}` : ""}. Renew the subscription for another term to buy a package.`,
  "problem.INSTALLMENTS_NOT_AVAILABLE.method": ({ methods }) =>
    `Installments are available only when paying by ${methods || "another method"}. Choose pay in full, or change the payment method.`,
  "problem.INSTALLMENTS_NOT_AVAILABLE": ({ countries }) => `Installments are available only for accounts based in ${countries}.`,
  "problem.INSTALLMENTS_TOO_MANY": ({ max }) => `You can pay in at most ${count(max)} installments.`,
  "problem.UNKNOWN_PAYMENT_METHOD": ({ methods }) => `Choose a payment method: ${methods}.`,
  "problem.PLAN_NOT_AN_UPGRADE": "Choose a plan that costs more per seat than your current plan.",
  "problem.AMOUNT_OVERFLOW": "This order is too large to process. Lower the quantities.",
  "problem.INVALID_CATALOG": "The price list could not be read. Try again later.",
  "problem.field.subscription.addSeats": () => `Add ${seatsRange()}.`,
  "problem.field.newSubscription.seats": () => `Choose ${seatsRange()}.`,
  "problem.field.newSubscription.termMonths": ({ terms }) =>
    terms ? `Choose a subscription term of ${terms} months.` : "Choose a subscription term.",
  "problem.field.invoice.companyName": "Enter the company name for the invoice (up to 200 characters).",
  "problem.field.invoice.country": "Choose the company's country.",
  "problem.field.invoice.address": "Shorten the company address to 500 characters or fewer.",
  "problem.field.payment.installments": "Choose how many installments to pay in.",
  "problem.INVALID_TAX_ID": "Shorten the tax ID to 40 characters or fewer, without line breaks or invisible characters.",
  "problem.TAX_ID_WITHOUT_INVOICE": "A tax ID goes on an invoice: tick “I need an invoice” or clear the tax ID.",
  "problem.field.creditPackage.creditsPerMonth": "This package comes with a fixed number of credits a month.",
  "problem.wholeSeats": () => `Enter a whole number of seats, ${seatsRange()}.`,
  "problem.invalidValue": "Check this value.",

  "error.FINGERPRINT_MISMATCH": ({ server, client }) =>
    `The price changed while you were checking out: the total is now ${server} instead of ${client}. The summary has been updated: review it and pay again.`,
  "error.INVALID_ORDER": ({ list }) => `The order could not be accepted. ${list}`,
  "error.NETWORK": "Could not reach the server. Check your connection.",
  "error.TIMEOUT": "The server did not answer in time.",
  "error.ORDER_IN_PROGRESS": ({ number }) =>
    `Order ${number} of this account is still waiting for its payment to be confirmed. Cancel that payment to place this order; unconfirmed, it is cancelled after 15 minutes.`,
  "error.400": "The server could not read this order. Reload the page and try again.",
  "error.404": "This account or order was not found. Reload the page and try again.",
  "error.413": "This order is too large to send. Shorten the invoice details and try again.",
  "error.415": "The order was not sent in a format the server accepts. Reload the page and try again.",
  "error.409": "This order conflicts with an earlier one. Review it and try again.",
  "error.422": "This payment attempt does not match the order any more. Review the order and pay again.",
  "error.500": "The server had a problem and the order was not placed. Try again in a moment.",
  "error.other": "The order could not be placed. Try again.",
  "load.NETWORK": "Could not reach the server. Check your connection and try again.",
  "load.INVALID_CATALOG": "The price list could not be read. Try again later.",
  "load.other": "The billing page could not load. Try again.",
  "load.noAccounts": "There is no account to show.",
};
