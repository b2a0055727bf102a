// The engine's answers in the text protocol (src/io/wire/): `Q` quotes, `R` renewal previews
// and `O` installment lists, read back in the order the engine writes them into plain objects,
// with display strings written by ./money.js.
import { moneyFormat } from "./money.js";

const SEP = "\x01";
const KINDS = [
  "subscription_new", "subscription_renewal", "subscription_upgrade", "subscription_seats", "credit_package",
  "credit_package_unused", "credit_package_renewal",
];
const NOTICES = [
  "USES_SAVED_CARD", "AUTO_RENEWAL_ENABLED", "UNUSED_CREDITS_EXPIRE", "USES_SAVED_PAYMENT", "PACKAGE_REPLACED",
  "PACKAGE_ENDS_BEFORE_RENEWAL", "PACKAGE_NOT_RENEWED", "AUTO_RENEWAL_OFF", "INSTALLMENTS_RESET",
  "PAYMENT_METHOD_UNAVAILABLE",
];

/** An answer's values, read in order from a cursor on the separator before the next one:
 * strings are sliced out, numbers and flags read in place (splitting the whole answer cost more
 * than reading it). */
class Values {
  constructor(text) {
    this.text = text;
    this.at = 1;
  }

  str() {
    const start = this.at + 1;
    let end = this.text.indexOf(SEP, start);
    if (end < 0) end = this.text.length;
    this.at = end;
    return this.text.slice(start, end);
  }

  /** A whole number, possibly negative. */
  num() {
    const text = this.text;
    let i = this.at + 1;
    const negative = text.charCodeAt(i) === 45; /* - */
    if (negative) i++;
    let n = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) n = n * 10 + (c - 48);
    this.at = i;
    return negative ? -n : n;
  }

  flag() {
    const yes = this.text.charCodeAt(this.at + 1) === 49; /* 1 */
    this.at += 2;
    return yes;
  }

  /** Whether the next value is `=` (src/wire.rs SAME: equal to the one before in a list), which
   * is then passed over. */
  same() {
    if (this.text.charCodeAt(this.at + 1) !== 61 /* = */) return false;
    this.at += 2;
    return true;
  }
}

/** A `Q` answer as a Quote (the order of src/wire.rs `quote`). Written out value by value: this
 * runs on every keystroke. */
export function readQuote(answer, locale) {
  const v = new Values(answer);
  const currency = v.str();
  const lines = readLines(v);
  const subtotal = v.str();
  const commission = v.str();
  const total = v.str();
  const installments = readInstallments(v);
  const schedule = installments.schedule;
  let creditPackage = null;
  if (v.flag()) {
    creditPackage = {
      id: v.str(), creditsPerMonth: v.num(), months: v.num(), start: v.str(), end: v.str(),
      renewsWithSubscription: v.flag(),
    };
  }
  const credits = {
    includedPerMonth: v.num(), packagePerMonth: v.num(), totalPerMonth: v.num(), nextReset: v.str(), cycles: [],
  };
  let k = v.num();
  let included = 0;
  let pkg = 0;
  let sum = 0;
  for (let start = k > 0 ? v.str() : ""; k > 0; k--) {
    const end = v.str();
    if (!v.same()) {
      included = v.num();
      pkg = v.num();
      sum = v.num();
    }
    credits.cycles.push({ start, end, included, package: pkg, total: sum });
    start = end;
  }
  const subscription = { plan: v.str(), seats: v.num(), periodEnd: v.str() };
  const autoRenewal = {
    before: v.flag(), after: v.flag(), reason: v.flag() ? "subscription_action" : "unchanged",
  };
  const payment = { method: v.str(), chargedTo: v.str() };
  const notices = readNotices(v);
  const fingerprint = v.str();

  const money = moneyFormat(locale, currency, total);
  displayLines(lines, money);
  return {
    currency, lines, subtotal, commission, total, installments,
    creditPackage, credits, subscription, autoRenewal, payment, notices,
    display: {
      subtotal: money(subtotal), commission: money(commission), total: money(total),
      installment: money(schedule.length > 0 ? schedule[0].amount : total),
    },
    fingerprint,
  };
}

/** The lines of a `Q` or `R` answer. */
function readLines(v) {
  const lines = [];
  for (let k = v.num(); k > 0; k--) {
    const line = {
      kind: KINDS[v.num()], description: v.str(), quantity: v.num(), unitPrice: v.str(), months: v.num(),
      periodStart: v.str(), periodEnd: v.str(), amount: v.str(), display: "",
    };
    if (v.flag()) line.proration = { days: v.num(), periodDays: v.num() };
    lines.push(line);
  }
  return lines;
}

/** Each line's amount for people: Intl's own text, a credit's minus sign included. */
function displayLines(lines, money) {
  for (const line of lines) line.display = money(line.amount);
}

/** The installments of a `Q` or `R` answer. */
function readInstallments(v) {
  const count = v.num();
  const interestFree = v.flag();
  const commissionPercent = v.str();
  const processor = v.flag() ? v.str() : null;
  const schedule = [];
  let amount = "";
  for (let k = v.num(), number = 1; k > 0; k--, number++) {
    const dueDate = v.str();
    if (!v.same()) amount = v.str();
    schedule.push({ number, dueDate, amount });
  }
  return { count, interestFree, commissionPercent, processor, schedule };
}

function readNotices(v) {
  const notices = [];
  for (let n = v.num(); n > 0; n--) notices.push({ code: NOTICES[v.num()], message: v.str() });
  return notices;
}

/** An `R` answer as a Renewal (the order of src/io/wire/renewal.rs). */
export function readRenewal(answer, locale) {
  const v = new Values(answer);
  const date = v.flag() ? v.str() : null;
  const currency = v.str();
  const lines = readLines(v);
  const subtotal = v.str();
  const commission = v.str();
  const total = v.str();
  const installments = readInstallments(v);
  const subscription = v.flag() ? { plan: v.str(), seats: v.num(), periodStart: v.str(), periodEnd: v.str() } : null;
  const creditPackage = v.flag()
    ? { id: v.str(), creditsPerMonth: v.num(), months: v.num(), start: v.str(), end: v.str() }
    : null;
  const credits = { includedPerMonth: v.num(), packagePerMonth: v.num(), totalPerMonth: v.num() };
  const payment = { method: v.str(), chargedTo: v.str() };
  const notices = readNotices(v);
  const fingerprint = v.str();
  const money = moneyFormat(locale, currency, total);
  displayLines(lines, money);
  const first = installments.schedule.length > 0 ? installments.schedule[0].amount : total;
  return {
    date, currency, lines, subtotal, commission, total, installments, subscription, creditPackage, credits,
    payment, notices,
    display: {
      subtotal: money(subtotal), commission: money(commission), total: money(total), installment: money(first),
    },
    fingerprint,
  };
}

/** An `O` answer as InstallmentOptions (the order of src/wire.rs `options_text`). */
export function readOptions(answer, locale) {
  const v = new Values(answer);
  const currency = v.str();
  const options = [];
  let money = null;
  for (let k = v.num(); k > 0; k--) {
    const count = v.num();
    const amount = v.str();
    money ??= moneyFormat(locale, currency, amount);
    options.push({
      count, amount, total: v.str(), commission: v.str(), interestFree: v.flag(),
      label: `${count} × ${money(amount)}`,
    });
  }
  return options;
}
