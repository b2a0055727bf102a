// A quote's line in the chosen language, written from its kind and figures (the library's own
// description is English): for the summary and for the order history.
import { t } from "./i18n.js";
import { app, packageOf, planOf } from "./state.js";

/** A quote line in the chosen language, from its kind and figures (not the library's English). */
export function lineText(line, quote) {
  const account = app.accountInfo?.account ?? {};
  const planName = (id) => planOf(id)?.name ?? id ?? "";
  // The unused credit is for the running package; the other lines name the quote's package.
  const pkg = line.kind === "credit_package_unused" ? (account.creditPackage ?? quote.creditPackage) : quote.creditPackage;
  const pkgName = packageOf(pkg?.id)?.name ?? pkg?.id ?? "";
  const params = {
    seats: line.quantity,
    n: line.months,
    name: pkgName,
    credits: pkg?.creditsPerMonth,
  };
  switch (line.kind) {
    case "subscription_new":
    case "subscription_renewal":
    case "subscription_upgrade":
      return t(`line.${line.kind}`, { ...params, plan: planName(quote.subscription?.plan ?? account.plan) });
    case "subscription_seats":
    case "credit_package":
    case "credit_package_unused":
    case "credit_package_renewal":
      return t(`line.${line.kind}`, params);
    default:
      return t("line.other");
  }
}

