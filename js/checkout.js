// The package's API over the Wasm engine, the same for the browser and Node builds.
//
// Inputs: JS values are checked and written as JSON text here, before they cross: only what JSON
// can carry gets through (plain objects by their own enumerable keys, arrays, strings, finite
// numbers, booleans, null; a key whose value is undefined is absent). Everything else is a
// CheckoutError with its path: NaN and infinities, BigInt, functions, symbols, Dates, Maps and
// class instances, unpaired surrogates, getters and proxies that throw, and nesting deeper than
// any order (which also stops cyclic objects). No prototype is touched.
//
// Outputs: the engine answers in the text protocol of src/wire.rs, read back here in the same
// order into plain objects; display strings are written with Intl.NumberFormat.
import { CheckoutError } from "./checkout-error.js";

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
/** Deeper than any order or catalog nests. */
const MAX_DEPTH = 16;
/** More values than any order or catalog holds (shared references to large arrays could make a
 * small object take minutes to read). */
const MAX_VALUES = 20000;
const MAX_ITEMS = 10000;
const INPUT = "INVALID_INPUT";
const utf8 = new TextEncoder();
const NONE = new Uint8Array(0);
const CATALOG = "INVALID_CATALOG";

/** A value that cannot be read; the path is where the walk stands. */
class Refused {
  constructor(message) {
    this.message = message;
  }
}

const plainKey = /^[A-Za-z0-9_$]+$/;

/** `a.b[0]["odd key"]`: the field path of src/json.rs. */
function pathOf(segments) {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (plainKey.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = typeof "".isWellFormed === "function" ? (s) => s.isWellFormed() : (s) => !lone.test(s);

function problemError(code, field, message) {
  return new CheckoutError([{ code, field, message }]);
}

/** JSON text written straight as UTF-8 bytes, the form the engine reads: no string to build,
 * flatten and encode on every keystroke. One buffer is kept for the next call, unless a getter
 * calls back into the package while it is in use. */
class Bytes {
  constructor(size) {
    this.buf = new Uint8Array(size);
    this.pos = 0;
  }

  room(n) {
    if (this.pos + n > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
      grown.set(this.buf.subarray(0, this.pos));
      this.buf = grown;
    }
  }

  byte(b) {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Text known to be ASCII: numbers, literals. */
  ascii(s) {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** `s` as a JSON string. Most texts of an order are ASCII with nothing to escape: they are
   * copied as they are, and JSON.stringify with TextEncoder is left for the others. */
  string(s) {
    const start = this.pos;
    this.room(s.length + 2);
    const buf = this.buf;
    let pos = start;
    buf[pos++] = 0x22;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) return this.escaped(s, start);
      buf[pos++] = c;
    }
    buf[pos++] = 0x22;
    this.pos = pos;
  }

  escaped(s, start) {
    if (!wellFormed(s)) throw new Refused("contains an unpaired surrogate: not valid Unicode text");
    const json = JSON.stringify(s);
    this.pos = start;
    this.room(json.length * 3);
    this.pos += utf8.encodeInto(json, this.buf.subarray(this.pos)).written;
  }
}

let spare = new Bytes(1024);

/** `value` as JSON bytes, or a CheckoutError with `code` and the path of the first bad value. */
function toJson(value, code) {
  const out = spare ?? new Bytes(1024);
  spare = null;
  out.pos = 0;
  const walk = { budget: MAX_VALUES, path: [] };
  try {
    write(value, walk, 0, out);
    return out.buf.subarray(0, out.pos);
  } catch (e) {
    const message = e instanceof Refused ? e.message : "could not be read";
    throw problemError(code, pathOf(walk.path), message);
  } finally {
    // A huge input's buffer is let go rather than kept.
    spare = out.buf.length <= 65536 ? out : new Bytes(1024);
  }
}

function write(v, walk, depth, out) {
  if (depth > MAX_DEPTH) throw new Refused("nested too deeply (or refers to itself)");
  if (--walk.budget < 0) throw new Refused("holds more values than any order");
  switch (typeof v) {
    case "string":
      return out.string(v);
    case "number": {
      if (!Number.isFinite(v)) throw new Refused("must be a finite number");
      // Exact integers as integers (-0 is 0); anything else as a number the engine will not
      // read as a whole number.
      if (Number.isSafeInteger(v)) return out.ascii(String(v));
      const text = String(v);
      return out.ascii(text.includes(".") || text.includes("e") ? text : `${text}.0`);
    }
    case "boolean":
      return out.ascii(v ? "true" : "false");
    case "undefined":
      throw new Refused("is undefined: a value is required");
    case "bigint":
      throw new Refused("is a BigInt: use a number");
    case "object":
      break;
    default:
      throw new Refused("is not JSON data (a function or a symbol)");
  }
  if (v === null) return out.ascii("null");
  let isArray;
  try {
    isArray = Array.isArray(v);
  } catch {
    throw new Refused("could not be read");
  }
  return isArray ? writeArray(v, walk, depth, out) : writeObject(v, walk, depth, out);
}

function writeArray(v, walk, depth, out) {
  let length;
  try {
    length = v.length;
  } catch {
    throw new Refused("could not be read");
  }
  if (typeof length !== "number") throw new Refused("could not be read");
  if (length > MAX_ITEMS) throw new Refused("has more than 10,000 items");
  out.byte(0x5b);
  for (let i = 0; i < length; i++) {
    walk.path.push(i);
    let item;
    try {
      item = v[i];
    } catch {
      throw new Refused("could not be read");
    }
    if (i > 0) out.byte(0x2c);
    if (item === undefined) out.ascii("null");
    else write(item, walk, depth + 1, out);
    walk.path.pop();
  }
  out.byte(0x5d);
}

function writeObject(v, walk, depth, out) {
  let prototype;
  try {
    prototype = Object.getPrototypeOf(v);
  } catch {
    throw new Refused("could not be read");
  }
  if (prototype !== null && prototype !== Object.prototype) {
    throw new Refused(
      prototype === Date.prototype
        ? 'is a Date: write dates as "YYYY-MM-DD" strings'
        : "is not a plain object (a Map, a class instance...)",
    );
  }
  let keys;
  try {
    keys = Object.keys(v);
  } catch {
    throw new Refused("could not be read");
  }
  out.byte(0x7b);
  let first = true;
  for (const key of keys) {
    walk.path.push(key);
    // The key is written (and checked) first, and taken back if its value is undefined.
    const mark = out.pos;
    if (!first) out.byte(0x2c);
    out.string(key);
    out.byte(0x3a);
    let item;
    try {
      item = v[key];
    } catch {
      throw new Refused("could not be read (a getter threw)");
    }
    if (item === undefined) {
      out.pos = mark;
    } else {
      first = false;
      write(item, walk, depth + 1, out);
    }
    walk.path.pop();
  }
  out.byte(0x7d);
}

/** Throws the engine's failure (`E` and JSON) as a CheckoutError. */
function check(answer) {
  if (answer.charCodeAt(0) === 69 /* E */) {
    const { message, problems } = JSON.parse(answer.slice(1));
    throw new CheckoutError(problems, { message });
  }
  return answer;
}

/** The order's locale for display strings, read without letting a getter escape. */
function localeOf(order) {
  try {
    const locale = order.locale;
    return typeof locale === "string" ? locale : undefined;
  } catch {
    return undefined;
  }
}

/** `Intl.NumberFormat#format` by locale, currency and digits: building a formatter is slow. */
const formatters = new Map();
/** More locale and currency pairs than one page uses: callers choose locales, keep it bounded. */
const MAX_FORMATTERS = 64;

/** The last formatter handed out: a page quotes one locale and currency, keystroke after keystroke. */
let last = { locale: null, currency: "", digits: -1, format: null };

function moneyFormat(locale, currency, sample) {
  const dot = sample.indexOf(".");
  const digits = dot < 0 ? 0 : sample.length - dot - 1;
  if (last.locale === locale && last.currency === currency && last.digits === digits) return last.format;
  // No locale (the runtime's own) and "" (refused by Intl: plain strings) are different keys.
  const key = `${locale === undefined ? "\u0000" : locale}|${currency}|${digits}`;
  let format = formatters.get(key);
  if (format === undefined) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    format = makeFormat(locale, currency, digits);
    formatters.set(key, format);
  }
  last = { locale, currency, digits, format };
  return format;
}

function makeFormat(locale, currency, digits) {
  const plain = (amount) => `${currency} ${amount}`;
  let nf;
  try {
    nf = new Intl.NumberFormat(locale, {
      style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
    });
  } catch {
    return plain;
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3), never through a float.
  const intl = (amount) => {
    try {
      return nf.format(amount);
    } catch {
      return plain(amount);
    }
  };
  const fast = patternOf(nf, digits);
  return fast ?? intl;
}

/** Formatting is the costliest part of a quote after the engine: where the locale writes amounts
 * by a plain pattern (prefix, grouped Latin digits, decimal sign, suffix), the pattern is learnt
 * from Intl once and replayed; it is used only if it gives Intl's own text for a range of
 * amounts, and negative amounts always go to Intl. */
function patternOf(nf, digits) {
  let parts;
  try {
    parts = nf.formatToParts(1234567.5);
  } catch {
    return null;
  }
  const first = parts.findIndex((p) => p.type === "integer");
  let last = -1;
  parts.forEach((p, i) => {
    if (p.type === "integer" || p.type === "group" || p.type === "decimal" || p.type === "fraction") last = i;
  });
  if (first < 0) return null;
  const prefix = parts.slice(0, first).map((p) => p.value).join("");
  const suffix = parts.slice(last + 1).map((p) => p.value).join("");
  const group = parts.find((p) => p.type === "group")?.value ?? "";
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? "";
  const groups = parts.filter((p) => p.type === "integer").map((p) => p.value);
  if (groups.join("") !== "1234567") return null;
  const primary = groups.length > 1 ? groups[groups.length - 1].length : 0;
  const secondary = groups.length > 2 ? groups[groups.length - 2].length : primary;
  if (primary === 0 || secondary === 0) return null;
  // Some locales leave four-digit amounts ungrouped (es: "1234,50 US$").
  let minimum = 1;
  try {
    if (!nf.formatToParts(1234).some((p) => p.type === "group")) minimum = 2;
  } catch {
    return null;
  }
  const fast = (amount) => {
    if (amount.charCodeAt(0) === 45 /* - */) return null;
    const dot = amount.indexOf(".");
    const int = dot < 0 ? amount : amount.slice(0, dot);
    let grouped = int;
    if (int.length > primary && int.length - primary >= minimum) {
      grouped = int.slice(int.length - primary);
      let end = int.length - primary;
      while (end > 0) {
        const start = Math.max(0, end - secondary);
        grouped = int.slice(start, end) + group + grouped;
        end = start;
      }
    }
    return prefix + grouped + (dot < 0 ? "" : decimal + amount.slice(dot + 1)) + suffix;
  };
  const tail = digits > 0 ? `.${"5".repeat(digits)}` : "";
  for (const n of ["0", "7", "12", "999", "1000", "1234", "12345", "123456", "1234567", "12345678901234"]) {
    const probe = n + tail;
    let expected;
    try {
      expected = nf.format(probe);
    } catch {
      return null;
    }
    if (fast(probe) !== expected) return null;
  }
  return (amount) => {
    const text = fast(amount);
    if (text !== null) return text;
    try {
      return nf.format(amount);
    } catch {
      return `${nf.resolvedOptions().currency} ${amount}`;
    }
  };
}

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
function readQuote(answer, locale) {
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
function readRenewal(answer, locale) {
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
function readOptions(answer, locale) {
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

const notACheckout = () => problemError("NOT_A_CHECKOUT", "", "not called on a Checkout");
const freed = () => {
  throw problemError("CHECKOUT_FREED", "", "called after free()");
};

/** The engine's calls (src/wasm/mod.rs): one export takes them all. */
const QUOTE = 0;
const VALIDATE = 1;
const PACKAGE_TERMS = 2;
const INSTALLMENT_OPTIONS = 3;
const VERIFY = 4;
const LOAD = 5;
const RENEWAL = 6;

/** The public API over one build of the Wasm module (`glue`: its wasm-bindgen exports `Engine` and
 * `about`, which the Node build wraps to instantiate the module on first use). Nothing is asked of
 * the module before a Checkout or the version is. */
export function api(glue) {
  let about = null;
  /** The version and the default catalog, asked of the module once. */
  const info = () => {
    if (about === null) {
      const text = glue.about();
      const newline = text.indexOf("\n");
      about = { version: text.slice(0, newline), catalog: text.slice(newline + 1) };
    }
    return about;
  };

  class Checkout {
    #engine;
    #catalog;

    /** A checkout over `catalog`, or over the embedded default catalog (example prices). */
    constructor(catalog) {
      const engine = new glue.Engine();
      if (catalog !== undefined && catalog !== null) {
        const bytes = toJson(catalog, CATALOG);
        const text = new TextDecoder().decode(bytes);
        const answer = engine.call(LOAD, bytes, NONE);
        if (answer !== "") {
          engine.free();
          check(answer);
        }
        this.#catalog = text;
      }
      this.#engine = engine;
    }

    /** The engine of `self`, or a CheckoutError for a call on something else or after free(). */
    static #of(self) {
      if (!(#engine in Object(self))) throw notACheckout();
      return self.#engine ?? freed();
    }

    /** The catalog in use, as a new plain object. */
    get catalog() {
      Checkout.#of(this);
      return JSON.parse(this.#catalog ?? info().catalog);
    }

    quote(order) {
      const answer = check(Checkout.#of(this).call(QUOTE, toJson(order, INPUT), NONE));
      return readQuote(answer, localeOf(order));
    }

    /** Every problem with `order`; empty when it can be quoted. Never throws for a bad order. */
    validate(order) {
      const engine = Checkout.#of(this);
      let bytes;
      try {
        bytes = toJson(order, INPUT);
      } catch (e) {
        return e.problems;
      }
      return JSON.parse(engine.call(VALIDATE, bytes, NONE));
    }

    packageTerms(order) {
      return JSON.parse(check(Checkout.#of(this).call(PACKAGE_TERMS, toJson(order, INPUT), NONE)));
    }

    installmentOptions(order) {
      const answer = check(Checkout.#of(this).call(INSTALLMENT_OPTIONS, toJson(order, INPUT), NONE));
      return readOptions(answer, localeOf(order));
    }

    /** R17: what the next automatic charge of `request.account` will be. */
    renewal(request) {
      const answer = check(Checkout.#of(this).call(RENEWAL, toJson(request, INPUT), NONE));
      return readRenewal(answer, localeOf(request));
    }

    verify(order, fingerprint) {
      const engine = Checkout.#of(this);
      const bytes = toJson(order, INPUT);
      if (typeof fingerprint !== "string") throw problemError(INPUT, "fingerprint", "must be a string");
      return check(engine.call(VERIFY, bytes, utf8.encode(fingerprint))) === "1";
    }

    /** Releases the engine's memory now rather than when the object is collected; later calls
     * throw a CheckoutError (CHECKOUT_FREED). Freeing twice does nothing. */
    free() {
      if (!(#engine in Object(this))) throw notACheckout();
      this.#engine?.free();
      this.#engine = null;
    }
  }
  if (typeof Symbol.dispose === "symbol") {
    Checkout.prototype[Symbol.dispose] = function dispose() {
      this.free();
    };
  }
  return { Checkout, version: () => info().version };
}
