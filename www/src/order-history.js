// The Order history tab: one row per order, its description and its PDF: the invoice when the
// order was placed with invoice details, a receipt for every other paid order.
import * as api from "./api.js";
import { $, el } from "./dom.js";
import { dateTime, money, range } from "./format.js";
import { language, t } from "./i18n.js";
import { submitErrorMessage } from "./messages.js";
import { lineText } from "./order-lines.js";
import { app } from "./state.js";

function ordersMessageRow(text, className = "empty") {
  return el("tr", { class: className }, el("td", { colspan: "5", text }));
}

export async function loadOrders() {
  const seq = ++app.ordersSeq;
  const body = $("orders-body");
  body.setAttribute("aria-busy", "true");
  if (!body.querySelector("tr[data-order-number]")) body.replaceChildren(ordersMessageRow(t("orders.loading")));
  let orders;
  try {
    ({ orders } = await api.getOrders());
  } catch (error) {
    if (seq !== app.ordersSeq) return;
    body.removeAttribute("aria-busy");
    app.orderNumbers = null;
    lastOrders = null;
    body.replaceChildren(ordersMessageRow(t("orders.failed", { reason: submitErrorMessage(error) }), "empty error-row"));
    return;
  }
  if (seq !== app.ordersSeq) return;
  body.removeAttribute("aria-busy");
  lastOrders = Array.isArray(orders) ? orders : [];
  app.orderNumbers = lastOrders.map((o) => String(o.number));
  renderOrders(lastOrders);
}

let lastOrders = null;

/** Draw the history again (after a language change). */
export function rerenderOrders() {
  if (lastOrders) renderOrders(lastOrders);
}

function orderActions(order, number, details) {
  const view = el("button", {
    type: "button",
    class: "button subtle small",
    "aria-expanded": "false",
    "aria-controls": details.id,
    text: t("orders.view"),
    "aria-label": t("orders.viewLabel", { number }),
  });
  view.addEventListener("click", () => {
    const open = view.getAttribute("aria-expanded") !== "true";
    if (open) showLines(number, details);
    view.setAttribute("aria-expanded", String(open));
    view.textContent = open ? t("orders.hide") : t("orders.view");
    view.setAttribute("aria-label", t(open ? "orders.hideLabel" : "orders.viewLabel", { number }));
    details.hidden = !open;
  });
  return el(
    "div",
    { class: "row-actions" },
    view,
    documentLink(order, number),
  );
}

/** The invoice or receipt of a paid order; nothing for the others. */
function documentLink(order, number) {
  if (String(order.status ?? "").toLowerCase() !== "paid") return null;
  const kind = order.invoice ? "invoice" : "receipt";
  return el("a", {
    class: "invoice-link",
    href: api.invoiceUrl(number),
    download: "",
    dataset: { document: kind },
    text: t(`orders.${kind}`),
    "aria-label": t(`orders.${kind}Label`, { number }),
  });
}

/** The order's lines in the chosen language, from its stored quote (once, on first view). */
async function showLines(number, details) {
  const cell = details.querySelector("td");
  if (cell.dataset.loaded) return;
  cell.dataset.loaded = "true";
  try {
    const { quote } = await api.getOrder(number);
    if (!Array.isArray(quote?.lines)) return;
    cell.replaceChildren(
      el(
        "ul",
        { class: "order-lines" },
        ...quote.lines.map((line) =>
          el(
            "li",
            {},
            el("span", { text: `${lineText(line, quote)} · ${range(line.periodStart, line.periodEnd)}` }),
            el("span", { class: "line-amount", text: money(line.amount, quote.currency) }),
          ),
        ),
      ),
    );
  } catch {
    delete cell.dataset.loaded; // a later view tries again
    if (language() !== "en") cell.querySelector("p")?.replaceChildren(t("orders.noDescription"));
  }
}

function statusText(status, key) {
  const text = t(`orders.status.${key}`);
  return text.startsWith("orders.status.") ? status.charAt(0).toUpperCase() + status.slice(1) : text;
}

function renderOrders(orders) {
  const body = $("orders-body");
  if (!orders.length) {
    body.replaceChildren(ordersMessageRow(t("orders.empty")));
    return;
  }
  const rows = [];
  for (const order of orders) {
    const number = String(order.number);
    const details = el(
      "tr",
      { id: `order-details-${number.replace(/[^\w-]/g, "_")}`, class: "order-details", hidden: true },
      el("td", { colspan: "5" }, el("p", { class: "order-description", text: (language() === "en" && order.description) || t("loading") })),
    );
    const status = String(order.status ?? "");
    const key = status.toLowerCase().replace(/[^a-z]/g, "");
    rows.push(
      el(
        "tr",
        { dataset: { orderNumber: number, kind: order.kind ?? "order" } },
        el(
          "td",
          { dataset: { label: t("orders.number") } },
          el("span", { class: "order-number", text: number }),
          order.kind === "renewal" ? el("span", { class: "order-kind", text: t("orders.kind.renewal") }) : null,
        ),
        el("td", { dataset: { label: t("orders.created") }, text: dateTime(order.createdAt) }),
        el("td", {
          dataset: { label: t("orders.price"), amount: String(order.total) },
          text: money(order.total, order.currency ?? app.catalog?.currency ?? undefined),
        }),
        el(
          "td",
          { dataset: { label: t("orders.status") } },
          el("span", { class: `status status-${key}`, text: statusText(status, key) }),
        ),
        el("td", { class: "col-actions", dataset: { label: t("orders.actions") } }, orderActions(order, number, details)),
      ),
      details,
    );
  }
  body.replaceChildren(...rows);
}
