// Loading the catalog and the accounts (with a retry when that fails), putting an account on
// the page, and the page's language.
import { Checkout } from "credit-checkout";
import * as api from "./api.js";
import { renderAccess, renderBilling } from "./billing-overview.js";
import { $, setOptions } from "./dom.js";
import { countryName, languageName, setCurrency } from "./format.js";
import { language, languageOf, LANGUAGES, setLanguage, storedLanguage, t } from "./i18n.js";
import { loadErrorMessage } from "./messages.js";
import { initialState } from "./order.js";
import { loadOrders, rerenderOrders } from "./order-history.js";
import { recompute, renderAccountControls, renderCatalogControls, syncForm } from "./preview.js";
import { app } from "./state.js";

export function setCatalog(catalog) {
  app.checkout = new Checkout(catalog);
  app.catalog = app.checkout.catalog;
  setCurrency(app.catalog.currency, app.catalog.minorUnits);
  renderCatalogControls();
}

/** Put an account on the page. `reset`: a new account, the checkout starts over. */
function applyAccount(info, { reset }) {
  app.accountInfo = info;
  if (reset || !app.state) {
    app.state = initialState(app.catalog, info);
    app.terms = [];
    $("submit-error").hidden = true;
  }
  renderBilling();
  renderAccountControls(info);
  renderAccess();
  syncForm();
  recompute();
  renderLanguageSuggestion();
  // Which account the page shows, once it is fully drawn (for styles and tests).
  document.body.dataset.account = info.id;
}

export async function loadAccount(id, { reset }) {
  const seq = ++app.accountSeq;
  const info = await api.getAccount(id);
  if (seq !== app.accountSeq) return false;
  applyAccount(info, { reset });
  return true;
}

let retry = null;

/** A failed load, in words, with a button that tries the same load again. */
function showLoadError(error, again) {
  retry = again;
  $("load-error-text").textContent = loadErrorMessage(error);
  $("load-error").hidden = false;
  $("load-retry").hidden = !again;
  $("load-retry").focus();
}

export async function switchAccount(id) {
  $("load-error").hidden = true;
  $("submit-error").hidden = true;
  loadOrders(id);
  try {
    await loadAccount(id, { reset: true });
  } catch (error) {
    showLoadError(error, () => switchAccount(id));
  }
}

/** The catalog and the accounts, then the account in the address (or the first one). */
export async function start() {
  $("load-error").hidden = true;
  try {
    const [catalog, accounts] = await Promise.all([api.getCatalog(), api.getAccounts()]);
    setCatalog(catalog);
    app.accounts = accounts;
    const select = $("account-select");
    setOptions(select, accounts.map((a) => [a.id, a.name]));
    select.disabled = accounts.length === 0;
    if (!accounts.length) {
      showLoadError({ code: "NO_ACCOUNTS" }, start);
      return;
    }
    const wanted = new URLSearchParams(location.search).get("account");
    const first = accounts.some((a) => a.id === wanted) ? wanted : accounts[0].id;
    select.value = first;
    await switchAccount(first);
  } catch (error) {
    showLoadError(error, start);
  }
}

/** The account's own language, offered when the page shows another and the user never chose. */
function renderLanguageSuggestion() {
  const country = app.accountInfo?.account?.country;
  const suggested = languageOf(app.accountInfo?.locale) ?? (["BR", "PT", "AO", "MZ"].includes(country) ? "pt-BR" : null);
  const box = $("language-suggestion");
  box.hidden = !suggested || suggested === language() || Boolean(storedLanguage()) || dismissed;
  if (box.hidden) return;
  $("language-suggestion-text").textContent = t("language.suggest", {
    country: countryName(app.accountInfo.account.country),
    language: languageName(LANGUAGES[suggested].locale),
  });
  const accept = $("language-suggestion-accept");
  accept.textContent = LANGUAGES[suggested].messages["language.switchTo"];
  accept.lang = suggested;
  accept.dataset.language = suggested;
  $("language-suggestion-dismiss").textContent = t("language.suggestDismiss");
}

let dismissed = false;

/** Everything drawn again in `lang`; the form keeps what the user entered. */
export function changeLanguage(lang, { remember = true } = {}) {
  setLanguage(lang, { remember });
  $("language-select").value = language();
  if (!app.catalog) return;
  renderCatalogControls();
  if (app.accountInfo) {
    renderBilling();
    renderAccountControls(app.accountInfo);
    renderAccess();
    syncForm();
    recompute();
    renderLanguageSuggestion();
  }
  rerenderOrders();
  if (!$("load-error").hidden) $("load-error-text").textContent = t("load.other");
}

export function bindLoading() {
  $("load-retry").addEventListener("click", () => retry?.());
  $("language-select").addEventListener("change", (event) => changeLanguage(event.target.value));
  $("language-suggestion-accept").addEventListener("click", (event) => {
    changeLanguage(event.currentTarget.dataset.language);
    $("language-select").focus();
  });
  $("language-suggestion-dismiss").addEventListener("click", () => {
    dismissed = true;
    $("language-suggestion").hidden = true;
    $("language-select").focus();
  });
}
