// The order's problems: each beside its field (aria-invalid, aria-describedby, announced), and
// all of them listed beside the pay button, each a link to its field.
import { $, el } from "./dom.js";
import { problemMessage } from "./messages.js";
import { app } from "./state.js";

/** The error element of a field path, or of its nearest parent; null: a general problem. */
function errorTarget(field) {
  let path = field;
  while (path) {
    const node = document.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
    // A problem only goes next to a field the user can see.
    if (node && !node.closest("[hidden]:not([data-error-for])")) return node;
    path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
  }
  return null;
}

/** The control to put the focus on for a problem: its field's, else the error text's. */
export function problemControl(problem) {
  const target = errorTarget(problem.field ?? "");
  const field = target?.dataset.errorFor;
  if (field) {
    const controls = [...document.querySelectorAll(`[data-field="${CSS.escape(field)}"]`)].filter(
      (c) => !c.closest("[hidden]") && !c.disabled,
    );
    const control = controls.find((c) => c.checked) ?? controls[0];
    if (control) return control;
  }
  return target;
}

/** Field problems next to their fields; every problem in the list beside the pay button. */
export function renderProblems(problems) {
  const ctx = { catalog: app.catalog };
  const byField = new Map();
  const items = [];
  for (const problem of problems) {
    const text = problemMessage(problem, ctx);
    const target = errorTarget(problem.field);
    if (target) {
      if (!byField.has(target)) byField.set(target, []);
      byField.get(target).push(text);
    }
    items.push([problem, text]);
  }

  for (const node of document.querySelectorAll("[data-error-for]")) {
    const messages = byField.get(node) ?? [];
    const text = messages.join(" ");
    // Always rendered (empty when fine), so that a screen reader announces a new error.
    if (node.textContent !== text) node.textContent = text;
    node.hidden = false;
  }

  const invalidFields = new Set([...byField.keys()].map((node) => node.dataset.errorFor));
  for (const control of document.querySelectorAll("[data-field]")) {
    const field = control.dataset.field;
    const errorId = $(`err-${field.replaceAll(".", "-")}`) ? `err-${field.replaceAll(".", "-")}` : null;
    const invalid = invalidFields.has(field);
    const describedBy = [control.dataset.hint, invalid ? errorId : null].filter(Boolean).join(" ");
    if (describedBy) control.setAttribute("aria-describedby", describedBy);
    else control.removeAttribute("aria-describedby");
    if (invalid) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }

  const seen = new Set();
  const list = $("order-problems");
  list.replaceChildren(
    ...items
      .filter(([, text]) => !seen.has(text) && seen.add(text))
      .map(([problem, text]) => {
        const control = problemControl(problem);
        if (!control || control === errorTarget(problem.field)) return el("li", { text });
        const link = el("a", { href: `#${control.id || ""}`, text });
        link.addEventListener("click", (event) => {
          event.preventDefault();
          const target = problemControl(problem);
          target?.focus({ preventScroll: true });
          target?.scrollIntoView({ block: "center" });
        });
        return el("li", {}, link);
      }),
  );
  $("order-problems-box").hidden = items.length === 0;
}

/** Put the focus on the first problem's control (or the list); true when there was one. */
export function focusFirstProblem() {
  const [first] = app.problems;
  if (!first) return false;
  const control = problemControl(first);
  const target = control?.matches("input, select, textarea, button")
    ? control
    : ($("order-problems").querySelector("a") ?? $("order-problems-box"));
  target.focus({ preventScroll: true });
  // Centred, so that a phone's bottom bar never covers it.
  target.scrollIntoView({ block: "center" });
  return true;
}
