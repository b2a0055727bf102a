// The account's overview (plan, seats, period, package) and whether it may buy AI credits; a
// member gets a way to ask an admin.
import { renderRenewal } from "./billing-renewal.js";
import { $ } from "./dom.js";
import { count, date, range } from "./format.js";
import { t } from "./i18n.js";
import { problemMessage } from "./messages.js";
import { accessProbe, needsNewSubscription } from "./order.js";
import { app, packageOf, planOf } from "./state.js";

export function renderBilling() {
  const { account, creditPackage } = app.accountInfo;
  const plan = planOf(account.plan);
  const sub = account.subscription ?? { status: "none" };
  $("billing-plan").textContent = plan?.name ?? account.plan;
  $("billing-seats").textContent = count(account.seats);
  $("billing-credits").textContent = plan
    ? t("billing.creditsValue", { total: plan.creditsPerSeatPerMonth * account.seats, perSeat: plan.creditsPerSeatPerMonth })
    : "—";
  const status = t(`status.${sub.status}`);
  $("billing-period").textContent =
    sub.periodStart && sub.periodEnd
      ? `${range(sub.periodStart, sub.periodEnd)}${sub.status === "active" ? "" : ` (${status.toLowerCase()})`}`
      : status;
  $("billing-autorenewal").textContent = account.autoRenewal ? t("on") : t("off");
  $("billing-package").textContent = creditPackage
    ? t("billing.packageValue", {
        name: packageOf(creditPackage.id)?.name ?? creditPackage.id,
        credits: creditPackage.creditsPerMonth,
        range: range(creditPackage.start, creditPackage.end),
      })
    : t("billing.none");
  $("billing-summary").removeAttribute("aria-busy");
  renderRunningPackage(account.creditPackage);
  renderRenewal();
}

/** The checkout says which package runs now: a change is an upgrade that credits it (R16). */
function renderRunningPackage(running) {
  const note = $("running-package");
  const runs = running && running.end > app.accountInfo.today;
  note.hidden = !runs;
  note.textContent = runs
    ? t("checkout.running", {
        name: packageOf(running.id)?.name ?? running.id,
        credits: running.creditsPerMonth,
        end: date(running.end),
      })
    : "";
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
    note.textContent = `${t(status === "expired" ? "access.expired" : "access.none")}. ${t("access.needsSubscription")}`;
  } else {
    note.textContent = "";
  }
  note.hidden = !note.textContent;
  note.classList.toggle("note-warning", Boolean(notAdmin));

  // A member cannot buy, but can ask an admin in a prepared message.
  $("ask-admin-row").hidden = !notAdmin;
  const subject = encodeURIComponent(t("access.askSubject"));
  const body = encodeURIComponent(t("access.askBody", { account: accountInfo.name ?? accountInfo.id }));
  $("ask-admin").href = `mailto:?subject=${subject}&body=${body}`;

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
