// The subscription part of the order: a new subscription (no active one), or the actions on the
// active one (renew, upgrade, add seats).
import { $, setOptions } from "./dom.js";
import { months, plainMoney, toMinor } from "./format.js";
import { needsNewSubscription } from "./order.js";
import { app, planOf } from "./state.js";

/** The plan and term choices of a new subscription, from the catalog. */
export function renderSubscriptionOptions() {
  const { catalog } = app;
  setOptions(
    $("new-plan"),
    catalog.plans.map((p) => [p.id, `${p.name} · ${plainMoney(p.seatPricePerMonth, catalog.currency)} per seat`]),
  );
  setOptions($("new-term"), catalog.subscriptionTerms.map((t) => [t, months(t)]));
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
      ["", `Keep ${plan?.name ?? account.plan}`],
      ...upgrades.map((p) => [p.id, `${p.name} · ${plainMoney(p.seatPricePerMonth, catalog.currency)} per seat a month`]),
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
    ? `Already renewed until ${app.fmt.date(renewedUntil)}.`
    : sub?.periodEnd && sub?.termMonths
      ? `Adds the next ${months(sub.termMonths)} from ${app.fmt.date(sub.periodEnd)}, and lets a package run into it.`
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
