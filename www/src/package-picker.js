// The AI credit package: the package choices, the Scale Custom stepper and "Remove".
import { $, el } from "./dom.js";
import { count, fromMinor, plainMoney, toMinor } from "./format.js";
import { app, customPackage, MAX_CREDITS, packageOf } from "./state.js";

/** Price a month of the custom package at `credits` (base + k x step), exact in minor units. */
function customPricePerMonth(pkg, credits) {
  const mu = app.catalog.minorUnits;
  const steps = BigInt(Math.max(0, Math.round((credits - pkg.creditsPerMonth) / pkg.step.credits)));
  return fromMinor(toMinor(pkg.pricePerMonth, mu) + steps * toMinor(pkg.step.pricePerMonth, mu), mu);
}

/** The package choices and the stepper's words, from the catalog. */
export function renderPackageOptions() {
  const { catalog } = app;
  const cur = catalog.currency;

  $("package-options").replaceChildren(
    ...catalog.creditPackages.map((pkg) => {
      const from = pkg.step ? "from " : "";
      return el(
        "label",
        { class: "choice" },
        el("input", { type: "radio", name: "package", value: pkg.id, dataset: { field: "creditPackage.id" } }),
        el(
          "span",
          { class: "choice-body" },
          el("span", { class: "choice-title", text: pkg.name }),
          el("span", {
            class: "choice-meta",
            text: `${from}${count(pkg.creditsPerMonth)} credits a month · ${from}${plainMoney(pkg.pricePerMonth, cur)} a month`,
          }),
        ),
      );
    }),
  );

  const custom = customPackage();
  if (custom) {
    $("custom-stepper").querySelector("label").textContent = `${custom.name} credits a month`;
    $("custom-hint").textContent =
      `+${plainMoney(custom.step.pricePerMonth, cur)} a month per ${count(custom.step.credits)} credits · ` +
      `${count(custom.creditsPerMonth)} to ${count(custom.maxCreditsPerMonth ?? MAX_CREDITS)} credits a month`;
    $("custom-minus").setAttribute("aria-label", `${count(custom.step.credits)} fewer credits a month`);
    $("custom-plus").setAttribute("aria-label", `${count(custom.step.credits)} more credits a month`);
  }
}

export function syncPackage(state) {
  for (const radio of document.querySelectorAll('input[name="package"]')) radio.checked = radio.value === state.packageId;
}

export function readPackage(state) {
  const checked = document.querySelector('input[name="package"]:checked');
  state.packageId = checked ? checked.value : null;
}

/** The stepper (for a custom package) and "Remove"; false when the order has no package. */
export function renderPackageControls() {
  const { state, catalog } = app;
  const pkg = packageOf(state.packageId);
  const custom = pkg?.step ? pkg : null;
  const hasPackage = Boolean(state.packageId);

  $("custom-stepper").hidden = !custom;
  if (custom) {
    const max = custom.maxCreditsPerMonth ?? MAX_CREDITS;
    $("custom-credits").textContent = count(state.customCredits);
    $("custom-price").textContent = `${plainMoney(customPricePerMonth(custom, state.customCredits), catalog.currency)} a month`;
    $("custom-minus").disabled = state.customCredits <= custom.creditsPerMonth;
    $("custom-plus").disabled = state.customCredits >= max;
  }

  $("remove-package").disabled = !hasPackage;
  $("package-removed-note").hidden = hasPackage;
  return hasPackage;
}

function stepCustom(direction, onChange) {
  const custom = customPackage();
  if (!custom || !app.state) return;
  const max = custom.maxCreditsPerMonth ?? MAX_CREDITS;
  const next = app.state.customCredits + direction * custom.step.credits;
  app.state.customCredits = Math.min(max, Math.max(custom.creditsPerMonth, next));
  onChange();
  // Keep the focus on the stepper when a button turns disabled at an end.
  const button = direction > 0 ? $("custom-plus") : $("custom-minus");
  if (button.disabled) (direction > 0 ? $("custom-minus") : $("custom-plus")).focus();
}

/** `onChange`: recompute the preview after the stepper or "Remove" changed the state. */
export function bindPackagePicker(onChange) {
  $("custom-minus").addEventListener("click", () => stepCustom(-1, onChange));
  $("custom-plus").addEventListener("click", () => stepCustom(+1, onChange));
  $("remove-package").addEventListener("click", () => {
    if (!app.state) return;
    app.state.packageId = null;
    for (const radio of document.querySelectorAll('input[name="package"]')) radio.checked = false;
    onChange();
    document.querySelector('input[name="package"]')?.focus();
  });
}
