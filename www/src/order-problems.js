// The order's problems: each beside its field (aria-invalid, aria-describedby), the rest listed
// in the summary.
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

/** Field problems next to their fields; the rest in #order-problems. */
export function renderProblems(problems) {
  const ctx = { catalog: app.catalog };
  const byField = new Map();
  const general = [];
  for (const problem of problems) {
    const target = errorTarget(problem.field);
    if (target) {
      if (!byField.has(target)) byField.set(target, []);
      byField.get(target).push(problemMessage(problem, ctx));
    } else {
      general.push(problemMessage(problem, ctx));
    }
  }

  for (const node of document.querySelectorAll("[data-error-for]")) {
    const messages = byField.get(node) ?? [];
    node.textContent = messages.join(" ");
    node.hidden = messages.length === 0;
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

  const list = $("order-problems");
  list.replaceChildren(...general.map((text) => el("li", { text })));
  list.hidden = general.length === 0;
}
