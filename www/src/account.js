// Loading the catalog and the accounts, and putting an account on the page.
import { Checkout } from "credit-checkout";
import * as api from "./api.js";
import { renderAccess, renderBilling } from "./billing-overview.js";
import { $, setOptions } from "./dom.js";
import { makeFormat } from "./format.js";
import { loadErrorMessage } from "./messages.js";
import { initialState } from "./order.js";
import { loadOrders } from "./order-history.js";
import { recompute, renderAccountControls, renderCatalogControls, syncForm } from "./preview.js";
import { app } from "./state.js";

export function setCatalog(catalog) {
  app.checkout = new Checkout(catalog);
  app.catalog = app.checkout.catalog;
  renderCatalogControls();
}

/** Put an account on the page. `reset`: a new account, the checkout starts over. */
function applyAccount(info, { reset }) {
  app.accountInfo = info;
  app.fmt = makeFormat({ locale: info.locale, currency: app.catalog.currency, minorUnits: app.catalog.minorUnits });
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

function showLoadError(error) {
  const node = $("load-error");
  node.textContent = loadErrorMessage(error);
  node.hidden = false;
}

export async function switchAccount(id) {
  $("load-error").hidden = true;
  $("submit-error").hidden = true;
  loadOrders(id);
  try {
    await loadAccount(id, { reset: true });
  } catch (error) {
    showLoadError(error);
  }
}

/** The catalog and the accounts, then the account in the address (or the first one). */
export async function start() {
  try {
    const [catalog, accounts] = await Promise.all([api.getCatalog(), api.getAccounts()]);
    setCatalog(catalog);
    app.accounts = accounts;
    const select = $("account-select");
    setOptions(select, accounts.map((a) => [a.id, a.name]));
    select.disabled = accounts.length === 0;
    if (!accounts.length) {
      showLoadError(new Error("no accounts"));
      return;
    }
    const wanted = new URLSearchParams(location.search).get("account");
    const first = accounts.some((a) => a.id === wanted) ? wanted : accounts[0].id;
    select.value = first;
    await switchAccount(first);
  } catch (error) {
    showLoadError(error);
  }
}
