// Formatting helpers: numbers, money and dates. Money stays a decimal string (never a float).

const GROUPED = new Intl.NumberFormat("en-US");

/** A whole number with en-US digit grouping, whatever the locale ("115,000"). */
export function count(n) {
  return GROUPED.format(n);
}

/** "230.00 USD": the plain decimal string with the currency code. */
export function plainMoney(amount, currency) {
  return `${amount} ${currency}`;
}

/** "1 month", "3 months". */
export function months(n) {
  return `${n} ${n === 1 ? "month" : "months"}`;
}

/** A decimal string ("12.50") as an integer count of minor units (1250n). */
export function toMinor(amount, minorUnits) {
  const text = String(amount).trim();
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const padded = (fraction + "0".repeat(minorUnits)).slice(0, minorUnits);
  const value = BigInt(whole || "0") * 10n ** BigInt(minorUnits) + BigInt(padded || "0");
  return negative ? -value : value;
}

/** Minor units back to a decimal string with exactly `minorUnits` decimals. */
export function fromMinor(value, minorUnits) {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(minorUnits + 1, "0");
  const text = minorUnits ? `${digits.slice(0, -minorUnits)}.${digits.slice(-minorUnits)}` : digits;
  return negative ? `-${text}` : text;
}

/** ISO "YYYY-MM-DD" (or a full timestamp) as a Date; null when unreadable. */
function parseIso(iso) {
  if (typeof iso !== "string" || !iso) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const REGIONS = new Intl.DisplayNames(["en"], { type: "region" });

/** "Brazil" for "BR"; the code itself when unknown. */
export function countryName(code) {
  try {
    return REGIONS.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Formatters bound to one account's locale and the catalog's currency: Intl money, and dates in
 * the locale, read in UTC so an ISO date never shifts by a day.
 */
export function makeFormat({ locale, currency, minorUnits }) {
  let safeLocale = "en-US";
  try {
    if (locale && Intl.NumberFormat.supportedLocalesOf([locale]).length) safeLocale = locale;
  } catch {
    // not a BCP 47 tag: keep en-US
  }
  let moneyFormat = null;
  try {
    moneyFormat = new Intl.NumberFormat(safeLocale, {
      style: "currency",
      currency,
      minimumFractionDigits: minorUnits,
      maximumFractionDigits: minorUnits,
    });
  } catch {
    moneyFormat = null;
  }
  const dateFormat = new Intl.DateTimeFormat(safeLocale, { dateStyle: "medium", timeZone: "UTC" });
  const dateTimeFormat = new Intl.DateTimeFormat(safeLocale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });

  return {
    locale: safeLocale,
    currency,
    minorUnits,
    /** Intl currency string for a decimal string (formatted exactly, not through a float). */
    money(amount) {
      return moneyFormat ? moneyFormat.format(amount) : plainMoney(amount, currency);
    },
    plain(amount) {
      return plainMoney(amount, currency);
    },
    date(iso) {
      const date = parseIso(iso);
      return date ? dateFormat.format(date) : String(iso ?? "");
    },
    /** A timestamp: date only for a bare ISO date, date and time (UTC) otherwise. */
    dateTime(iso) {
      const date = parseIso(iso);
      if (!date) return String(iso ?? "");
      return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateFormat.format(date) : `${dateTimeFormat.format(date)} UTC`;
    },
    range(start, end) {
      return `${this.date(start)} – ${this.date(end)}`;
    },
  };
}
