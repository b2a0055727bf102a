// Display strings: amounts written with Intl.NumberFormat for a locale, a formatter built once per
// locale, currency and digits; a tag Intl refuses gives plain `USD 12.50` strings.

/** `Intl.NumberFormat#format` by locale, currency and digits: building a formatter is slow. */
const formatters = new Map();
/** More locale and currency pairs than one page uses: callers choose locales, keep it bounded. */
const MAX_FORMATTERS = 64;

/** The last formatter handed out: a page quotes one locale and currency, keystroke after keystroke. */
let last = { locale: null, currency: "", digits: -1, format: null };

export function moneyFormat(locale, currency, sample) {
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
