// Every amount, count, date and time the page shows is formatted here, by the chosen locale.
// Money stays a decimal string (never a float): Intl formats the string exactly.

let locale = "en-US";
let currency = "USD";
let minorUnits = 2;
// Each format is made on first use, for the locale of the moment: an Intl constructor loads its
// locale data, and a page load that made every one up front spent tens of milliseconds on it
// before it could ask the server for anything.
const MAKERS = {
  count: () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
  decimal: () => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
  money: () => new Map(),
  // An ISO date is a calendar day: read and shown in UTC so it never shifts.
  date: () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }),
  // A timestamp is an instant: shown in the user's own time zone, named.
  dateTime: () =>
    new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      timeZoneName: "short",
    }),
  regions: () => new Intl.DisplayNames([locale], { type: "region" }),
  languages: () => new Intl.DisplayNames([locale], { type: "language" }),
  disjunction: () => new Intl.ListFormat(locale, { type: "disjunction" }),
};
let made = {};

/** The format `name` in the current locale. */
function formatOf(name) {
  made[name] ??= MAKERS[name]();
  return made[name];
}

/** The locale every figure is written in ("en-US", "pt-BR"). */
export function setLocale(tag) {
  if (tag === locale) return;
  locale = tag;
  made = {};
}

export function getLocale() {
  return locale;
}

/** The catalog's currency, for money() without an explicit one. */
export function setCurrency(code, units) {
  currency = code;
  minorUnits = units;
}

/** A whole number with the locale's grouping ("115,000", "115.000"). */
export function count(n) {
  return Number.isFinite(Number(n)) ? formatOf("count").format(n) : String(n ?? "");
}

/** A decimal string as money in the locale ("$30.00", "US$ 30,00"). */
export function money(amount, code = currency) {
  if (amount === undefined || amount === null || amount === "") return "—";
  let format = formatOf("money").get(code);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, {
        style: "currency",
        currency: code,
        minimumFractionDigits: minorUnits,
        maximumFractionDigits: minorUnits,
      });
    } catch {
      format = null;
    }
    formatOf("money").set(code, format);
  }
  return format ? format.format(String(amount)) : `${amount} ${code}`;
}

/** A percentage given as a decimal string ("4.99" -> "4.99%", "4,99%"). */
export function percent(value) {
  return `${formatOf("decimal").format(String(value))}%`;
}

/** ISO "YYYY-MM-DD" (or a full timestamp) as a Date; null when unreadable. */
function parseIso(iso) {
  if (typeof iso !== "string" || !iso) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function date(iso) {
  const d = parseIso(iso);
  return d ? formatOf("date").format(d) : String(iso ?? "");
}

/** A timestamp in the user's time zone; a bare ISO date stays a date. */
export function dateTime(iso) {
  const d = parseIso(iso);
  if (!d) return String(iso ?? "");
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatOf("date").format(d) : formatOf("dateTime").format(d);
}

export function range(start, end) {
  return `${date(start)} – ${date(end)}`;
}

/** "Brazil" / "Brasil" for "BR"; the code itself when unknown. */
export function countryName(code) {
  try {
    return formatOf("regions").of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Brazilian Portuguese" / "inglês americano" for a language tag, in the locale. */
export function languageName(tag) {
  try {
    return formatOf("languages").of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** "Brazil, Mexico or Chile" in the locale. */
export function orList(items) {
  return formatOf("disjunction").format(items.map(String));
}

/**
 * A typed whole number in the locale: digits with the locale's (or any) group separators and
 * spaces. null when empty, NaN when not a plain whole number ("1e3", "12,5" in pt-BR, "-3").
 */
export function parseCount(text) {
  const value = String(text ?? "").trim();
  if (value === "") return null;
  if (!/^\d{1,3}([.,\s\u00a0\u202f]\d{3})*$|^\d+$/.test(value)) return NaN;
  const digits = value.replace(/[^\d]/g, "");
  // "12,5" or "1.5" are decimals in one locale or the other: not a whole count.
  const group = formatOf("count").formatToParts(1000).find((p) => p.type === "group")?.value ?? ",";
  const separators = value.replace(/\d/g, "");
  if (separators && ![...separators].every((c) => c === group || /\s/.test(c) || c === "\u202f")) return NaN;
  return Number(digits);
}

/** A decimal string ("12.50") as an integer count of minor units (1250n). */
export function toMinor(amount, units) {
  const text = String(amount).trim();
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const padded = (fraction + "0".repeat(units)).slice(0, units);
  const value = BigInt(whole || "0") * 10n ** BigInt(units) + BigInt(padded || "0");
  return negative ? -value : value;
}

/** Minor units back to a decimal string with exactly `units` decimals. */
export function fromMinor(value, units) {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(units + 1, "0");
  const text = units ? `${digits.slice(0, -units)}.${digits.slice(-units)}` : digits;
  return negative ? `-${text}` : text;
}
