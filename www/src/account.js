// Loading the catalog and the signed-in user's account (with a retry when that fails), putting
// the account on the page, and the page's language. Signing in and out: sign-in.js.
import { Checkout } from "credit-checkout";
import * as api from "./api.js";
import { renderAccess, renderBilling } from "./billing-overview.js";
import { $ } from "./dom.js";
import { countryName, languageName, setCurrency } from "./format.js";
import { language, languageOf, LANGUAGES, setLanguage, storedLanguage, t } from "./i18n.js";
import { takeFirstRequests } from "./first-requests.js";
import { loadErrorMessage } from "./messages.js";
import { initialState } from "./order.js";
import { loadOrders, rerenderOrders } from "./order-history.js";
import { recompute, renderAccountControls, renderCatalogControls, syncForm } from "./preview.js";
import { showSignIn, showSignedIn, showWorkspace } from "./sign-in.js";
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

export async function loadAccount({ reset }) {
  const seq = ++app.accountSeq;
  const info = await api.getAccount();
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

/** The catalog and the signed-in user's account and orders; the sign-in form when signed out. */
export async function start() {
  $("load-error").hidden = true;
  $("submit-error").hidden = true;
  try {
    // Both at once (on the first load, already sent as the page started); signed out (401)
    // shows the sign-in form whatever the catalog did.
    const first = takeFirstRequests();
    const [catalogLoad, infoLoad] = await Promise.allSettled([
      first?.catalog ?? api.getCatalog(),
      first?.account ?? api.getAccount(),
    ]);
    if (infoLoad.status === "rejected") throw infoLoad.reason;
    if (catalogLoad.status === "rejected") throw catalogLoad.reason;
    const info = infoLoad.value;
    setCatalog(catalogLoad.value);
    app.user = info.user;
    showSignedIn(info);
    ++app.accountSeq;
    applyAccount(info, { reset: true });
    // The history is in the other tab: asked for once the checkout is drawn, not competing with it.
    loadOrders();
  } catch (error) {
    if (error?.status === 401) {
      showSignIn();
    } else {
      showWorkspace();
      showLoadError(error, start);
    }
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
