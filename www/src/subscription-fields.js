// The subscription part of the order: a new subscription (no active one), or the actions on the
// active one (renew, upgrade, add seats).
import { $, setOptions } from "./dom.js";
import { date, money, toMinor } from "./format.js";
import { t } from "./i18n.js";
import { needsNewSubscription } from "./order.js";
import { app, planOf } from "./state.js";

/** The plan and term choices of a new subscription, from the catalog. */
export function renderSubscriptionOptions() {
  const { catalog } = app;
  setOptions(
    $("new-plan"),
    catalog.plans.map((p) => [p.id, t("plan.option", { name: p.name, price: money(p.seatPricePerMonth) })]),
  );
  setOptions($("new-term"), catalog.subscriptionTerms.map((n) => [n, t("months", { n })]));
}

/** Write the state into the controls (after a reset or a catalog reload). */
export function syncSubscription(state) {
  const { accountInfo, catalog } = app;
  const account = accountInfo.account;
  const newSub = needsNewSubscription(account);

  $("new-subscription-fields").hidden = !newSub;
  $("subscription-fields").hidden = newSub;

  $("new-plan").value = state.newSubscription.plan ?? "";
  $("new-seats").value = state.newSubscription.seats;
  $("new-term").value = String(state.newSubscription.termMonths);

  const plan = planOf(account.plan);
  const mu = catalog.minorUnits;
  const upgrades = plan
    ? catalog.plans.filter((p) => toMinor(p.seatPricePerMonth, mu) > toMinor(plan.seatPricePerMonth, mu))
    : [];
  setOptions(
    $("upgrade"),
    [
      ["", t("sub.keep", { name: plan?.name ?? account.plan })],
      ...upgrades.map((p) => [p.id, t("sub.upgradeOption", { name: p.name, price: money(p.seatPricePerMonth) })]),
    ],
    state.upgradeTo,
  );
  // After an upgrade the account's plan changes and the chosen plan may no longer be offered.
  if (!upgrades.some((p) => p.id === state.upgradeTo)) state.upgradeTo = "";
  // A renewal already paid for is not sold again (the backend refuses it too).
  const renewedUntil = accountInfo.renewedUntil;
  if (renewedUntil) state.renew = false;
  $("renew").disabled = Boolean(renewedUntil);
  $("renew").checked = state.renew;
  $("add-seats").value = state.addSeats;
  const sub = account.subscription;
  $("renew-hint").textContent = renewedUntil
    ? t("sub.renewedUntil", { date: date(renewedUntil) })
    : sub?.periodEnd && sub?.termMonths
      ? t("sub.renewHint", { n: sub.termMonths, date: date(sub.periodEnd) })
      : "";
}

/** Read the controls into the state (on every edit). */
export function readSubscription(state) {
  state.newSubscription = {
    plan: $("new-plan").value,
    seats: $("new-seats").value,
    termMonths: Number($("new-term").value),
  };
  state.renew = $("renew").checked;
  state.upgradeTo = $("upgrade").value;
  state.addSeats = $("add-seats").value;
}
