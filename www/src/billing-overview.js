// The account's overview (plan, seats, period, package) and whether it may buy AI credits.
import { $ } from "./dom.js";
import { count } from "./format.js";
import { problemMessage } from "./messages.js";
import { accessProbe, needsNewSubscription } from "./order.js";
import { app, packageOf, planOf } from "./state.js";

export function renderBilling() {
  const { account, creditPackage } = app.accountInfo;
  const { fmt } = app;
  const plan = planOf(account.plan);
  const sub = account.subscription ?? { status: "none" };
  $("billing-plan").textContent = plan?.name ?? account.plan;
  $("billing-seats").textContent = count(account.seats);
  $("billing-credits").textContent = plan
    ? `${count(plan.creditsPerSeatPerMonth * account.seats)} credits a month (${count(plan.creditsPerSeatPerMonth)} per seat)`
    : "—";
  const status = { active: "Active", expired: "Expired", none: "No subscription" }[sub.status] ?? sub.status;
  $("billing-period").textContent =
    sub.periodStart && sub.periodEnd
      ? `${fmt.range(sub.periodStart, sub.periodEnd)}${sub.status === "active" ? "" : ` (${status.toLowerCase()})`}`
      : status;
  $("billing-autorenewal").textContent = account.autoRenewal ? "On" : "Off";
  if (creditPackage) {
    const name = packageOf(creditPackage.id)?.name ?? creditPackage.id;
    $("billing-package").textContent =
      `${name} · ${count(creditPackage.creditsPerMonth)} credits a month · ${fmt.range(creditPackage.start, creditPackage.end)}`;
  } else {
    $("billing-package").textContent = "None";
  }
  $("billing-summary").removeAttribute("aria-busy");
}

/** Whether this account may buy; the words come from the library's own R1 check. */
export function renderAccess() {
  const { accountInfo, catalog } = app;
  let problems = [];
  try {
    problems = app.checkout.validate(accessProbe(catalog, accountInfo));
  } catch {
    problems = [];
  }
  const notAdmin = problems.find((p) => p.code === "NOT_ADMIN") ??
    (accountInfo.account.role !== "admin" ? { code: "NOT_ADMIN", field: "account.role" } : null);
  app.canBuy = !notAdmin;

  const note = $("access-note");
  if (notAdmin) {
    note.textContent = problemMessage(notAdmin, { catalog });
  } else if (needsNewSubscription(accountInfo.account)) {
    const status = accountInfo.account.subscription?.status;
    note.textContent =
      `${status === "expired" ? "This account's subscription has expired" : "This account has no subscription"}. ` +
      "AI credits need an active subscription: the checkout adds a new one to your order.";
  } else {
    note.textContent = "";
  }
  note.hidden = !note.textContent;
  note.classList.toggle("note-warning", Boolean(notAdmin));

  const add = $("add-credits");
  add.disabled = !app.canBuy;
  if (notAdmin) add.setAttribute("aria-describedby", "access-note");
  else add.removeAttribute("aria-describedby");
  if (!app.canBuy) setCheckoutOpen(false);
}

export function setCheckoutOpen(open) {
  app.checkoutOpen = open;
  $("checkout").hidden = !open;
  $("add-credits").setAttribute("aria-expanded", String(open));
}
