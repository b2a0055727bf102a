// The invoice details: "I need an invoice", company name, country and address.
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
}

export function readInvoice(state) {
  state.invoice = {
    wanted: $("want-invoice").checked,
    companyName: $("invoice-company").value,
    country: $("invoice-country").value,
    address: $("invoice-address").value,
  };
}

/** Show the details as soon as the box is ticked. */
export function onInvoiceEdit(event) {
  if (event.target.id === "want-invoice") $("invoice-details").hidden = !event.target.checked;
}
