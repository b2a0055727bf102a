// The AI credit package: the package choices, the Scale Custom amount (an editable number that
// snaps to the nearest valid step, the -/+ buttons and presets) and "Remove".
import { $, el } from "./dom.js";
import { count, fromMinor, money, parseCount, toMinor } from "./format.js";
import { t } from "./i18n.js";
import { buildOrder } from "./order.js";
import { app, customPackage, MAX_CREDITS, packageOf } from "./state.js";

/** Price a month of the custom package at `credits` (base + k x step), exact in minor units. */
function customPricePerMonth(pkg, credits) {
  const mu = app.catalog.minorUnits;
  const steps = BigInt(Math.max(0, Math.round((credits - pkg.creditsPerMonth) / pkg.step.credits)));
  return fromMinor(toMinor(pkg.pricePerMonth, mu) + steps * toMinor(pkg.step.pricePerMonth, mu), mu);
}

/** Presets: the minimum and 2.5, 5 and 10 times it, on a step and within the maximum. */
function presets(custom) {
  const max = custom.maxCreditsPerMonth ?? MAX_CREDITS;
  const min = custom.creditsPerMonth;
  const onStep = (v) => min + Math.round((v - min) / custom.step.credits) * custom.step.credits;
  return [...new Set([1, 2.5, 5, 10].map((f) => onStep(min * f)).filter((v) => v <= max))];
}

/** The package choices and the custom amount's words, from the catalog and the language. */
export function renderPackageOptions() {
  const { catalog } = app;
  const checked = document.querySelector('input[name="package"]:checked')?.value;
  $("package-options").replaceChildren(
    ...catalog.creditPackages.map((pkg) =>
      el(
        "label",
        { class: "choice" },
        el("input", { type: "radio", name: "package", value: pkg.id, checked: pkg.id === checked, dataset: { field: "creditPackage.id" } }),
        el(
          "span",
          { class: "choice-body" },
          el("span", { class: "choice-title", text: pkg.name }),
          el("span", {
            class: "choice-meta",
            text: t("package.meta", { from: Boolean(pkg.step), credits: pkg.creditsPerMonth, price: money(pkg.pricePerMonth) }),
          }),
        ),
      ),
    ),
  );

  const custom = customPackage();
  if (!custom) return;
  $("custom-label").textContent = t("custom.label", { name: custom.name });
  $("custom-hint").textContent = t("custom.hint", {
    price: money(custom.step.pricePerMonth),
    step: custom.step.credits,
    min: custom.creditsPerMonth,
    max: custom.maxCreditsPerMonth ?? MAX_CREDITS,
  });
  $("custom-minus").setAttribute("aria-label", t("custom.fewer", { step: custom.step.credits }));
  $("custom-plus").setAttribute("aria-label", t("custom.more", { step: custom.step.credits }));
  $("custom-presets").setAttribute("aria-label", t("custom.presets"));
  $("custom-presets").replaceChildren(
    ...presets(custom).map((v) =>
      el("button", { type: "button", class: "button small preset", dataset: { credits: String(v) }, text: count(v) }),
    ),
  );
}

export function syncPackage(state) {
  for (const radio of document.querySelectorAll('input[name="package"]')) radio.checked = radio.value === state.packageId;
}

export function readPackage(state) {
  const checked = document.querySelector('input[name="package"]:checked');
  state.packageId = checked ? checked.value : null;
}

/** The custom amount (for a custom package) and "Remove"; false when the order has no package. */
export function renderPackageControls() {
  const { state } = app;
  const pkg = packageOf(state.packageId);
  const custom = pkg?.step ? pkg : null;
  const hasPackage = Boolean(state.packageId);

  $("custom-stepper").hidden = !custom;
  if (custom) {
    const max = custom.maxCreditsPerMonth ?? MAX_CREDITS;
    const input = $("custom-credits");
    // Never rewrite the number under the user's cursor: it snaps when they leave it or press Enter.
    if (document.activeElement !== input || input.dataset.dirty !== "true") input.value = count(state.customCredits);
    $("custom-price").textContent = t("custom.price", { price: money(customPricePerMonth(custom, state.customCredits)) });
    $("custom-minus").disabled = state.customCredits <= custom.creditsPerMonth;
    $("custom-plus").disabled = state.customCredits >= max;
    for (const b of $("custom-presets").querySelectorAll("button")) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.credits) === state.customCredits));
    }
  }

  $("remove-package").disabled = !hasPackage;
  $("package-removed-note").hidden = hasPackage;
  return hasPackage;
}

/**
 * The valid amount nearest to `credits`, as the library says: its CUSTOM_CREDITS_NOT_A_STEP
 * details name the steps below and above; too low or too high goes to the end.
 */
export function snapCredits(credits) {
  const custom = customPackage();
  const max = custom.maxCreditsPerMonth ?? MAX_CREDITS;
  const order = buildOrder(app.catalog, app.accountInfo, { ...app.state, packageId: custom.id, customCredits: credits });
  const problem = app.checkout.validate(order).find((p) => p.field === "creditPackage.creditsPerMonth");
  const d = problem?.details ?? {};
  switch (problem?.code) {
    case undefined:
      return credits;
    case "CUSTOM_CREDITS_TOO_LOW":
      return d.min ?? custom.creditsPerMonth;
    case "CUSTOM_CREDITS_TOO_HIGH":
      return d.max ?? max;
    case "CUSTOM_CREDITS_NOT_A_STEP": {
      const { below, above } = d;
      if (typeof below !== "number") return above;
      if (typeof above !== "number") return below;
      return credits - below < above - credits ? below : above;
    }
    default:
      return Math.min(max, Math.max(custom.creditsPerMonth, credits));
  }
}

function commitTyped(onChange) {
  const input = $("custom-credits");
  input.dataset.dirty = "false";
  if (!app.state || !customPackage()) return;
  const typed = parseCount(input.value);
  const status = $("custom-status");
  if (typed === null || !Number.isSafeInteger(typed)) {
    status.textContent = t("custom.unreadable");
    input.value = count(app.state.customCredits);
    return;
  }
  const value = snapCredits(typed);
  status.textContent = value === typed ? "" : t("custom.snapped", { typed: input.value.trim(), value });
  app.state.customCredits = value;
  input.value = count(value);
  onChange();
}

function setCredits(value, onChange) {
  if (!app.state) return;
  app.state.customCredits = value;
  $("custom-status").textContent = "";
  onChange();
}

function stepCustom(direction, onChange) {
  const custom = customPackage();
  if (!custom || !app.state) return;
  const max = custom.maxCreditsPerMonth ?? MAX_CREDITS;
  const next = app.state.customCredits + direction * custom.step.credits;
  setCredits(Math.min(max, Math.max(custom.creditsPerMonth, next)), onChange);
  // Keep the focus on the stepper when a button turns disabled at an end.
  const button = direction > 0 ? $("custom-plus") : $("custom-minus");
  if (button.disabled) (direction > 0 ? $("custom-minus") : $("custom-plus")).focus();
}

/** `onChange`: recompute the preview after the amount or "Remove" changed the state. */
export function bindPackagePicker(onChange) {
  const input = $("custom-credits");
  input.addEventListener("input", () => {
    input.dataset.dirty = "true";
  });
  input.addEventListener("change", () => commitTyped(onChange));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      commitTyped(onChange);
    } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      stepCustom(event.key === "ArrowUp" ? +1 : -1, onChange);
    }
  });
  $("custom-presets").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-credits]");
    if (button) setCredits(Number(button.dataset.credits), onChange);
  });
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
