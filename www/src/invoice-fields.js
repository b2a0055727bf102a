// The invoice details: "I need an invoice", company name, country, address and tax id. The tax id
// is not part of the library's order: the backend takes it beside the order and prints it in the
// invoice's buyer block; it is checked here by the backend's rules.
import { $, setOptions } from "./dom.js";
import { countryName, getLocale } from "./format.js";

const INVOICE_COUNTRIES = ["AR", "BR", "CA", "CL", "CO", "DE", "ES", "FR", "GB", "IT", "MX", "NL", "PT", "US"];

/** The country choices, with the account's own country always among them. */
export function renderInvoiceCountries(accountCountry) {
  const codes = INVOICE_COUNTRIES.includes(accountCountry) ? INVOICE_COUNTRIES : [...INVOICE_COUNTRIES, accountCountry];
  const options = codes
    .map((c) => [c, `${countryName(c)} (${c})`])
    .sort((a, b) => a[1].localeCompare(b[1], getLocale()));
  const select = $("invoice-country");
  const value = select.value;
  setOptions(select, options, value || undefined);
}

export function syncInvoice(state) {
  $("want-invoice").checked = state.invoice.wanted;
  $("invoice-details").hidden = !state.invoice.wanted;
  $("invoice-company").value = state.invoice.companyName;
  $("invoice-country").value = state.invoice.country;
  $("invoice-address").value = state.invoice.address;
  $("invoice-tax-id").value = state.invoice.taxId;
}

export function readInvoice(state) {
  state.invoice = {
    wanted: $("want-invoice").checked,
    companyName: $("invoice-company").value,
    country: $("invoice-country").value,
    address: $("invoice-address").value,
    taxId: $("invoice-tax-id").value,
  };
}

/** The longest tax id the backend takes, in characters, once trimmed. */
const TAX_ID_MAX = 40;
// Control characters and the invisible ones (zero-width, direction marks, byte order mark...).
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u;

/** The tax id as it is sent: trimmed, and only with invoice details ("" when none). */
export function taxIdOf(state) {
  return state.invoice.wanted ? state.invoice.taxId.trim() : "";
}

/** The tax id's problems, as the backend would answer them (`field` "taxId"). */
export function taxIdProblems(state) {
  const taxId = taxIdOf(state);
  if (!taxId) return [];
  if ([...taxId].length > TAX_ID_MAX || UNPRINTABLE.test(taxId)) {
    return [{ code: "INVALID_TAX_ID", field: "taxId", message: `the tax id must be at most ${TAX_ID_MAX} printable characters` }];
  }
  return [];
}

/** Show the details as soon as the box is ticked. */
export function onInvoiceEdit(event) {
  if (event.target.id === "want-invoice") $("invoice-details").hidden = !event.target.checked;
}
