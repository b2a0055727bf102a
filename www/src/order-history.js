// The Order history tab: one row per order, its description and PDF invoice.
import * as api from "./api.js";
import { $, el } from "./dom.js";
import { makeFormat, plainMoney } from "./format.js";
import { submitErrorMessage } from "./messages.js";
import { app } from "./state.js";

function ordersMessageRow(text, className = "empty") {
  return el("tr", { class: className }, el("td", { colspan: "5", text }));
}

export async function loadOrders(accountId) {
  const seq = ++app.ordersSeq;
  const body = $("orders-body");
  body.setAttribute("aria-busy", "true");
  if (!body.querySelector("tr[data-order-number]")) body.replaceChildren(ordersMessageRow("Loading orders…"));
  let orders;
  try {
    orders = await api.getOrders(accountId);
  } catch (error) {
    if (seq !== app.ordersSeq) return;
    body.removeAttribute("aria-busy");
    body.replaceChildren(ordersMessageRow(`The order history could not load. ${submitErrorMessage(error)}`, "empty error-row"));
    return;
  }
  if (seq !== app.ordersSeq) return;
  body.removeAttribute("aria-busy");
  renderOrders(Array.isArray(orders) ? orders : []);
}

function orderActions(order, number, details) {
  const view = el("button", {
    type: "button",
    class: "button subtle small",
    "aria-expanded": "false",
    "aria-controls": details.id,
    text: "View",
    "aria-label": `View order ${number}`,
  });
  view.addEventListener("click", () => {
    const open = view.getAttribute("aria-expanded") !== "true";
    view.setAttribute("aria-expanded", String(open));
    view.textContent = open ? "Hide" : "View";
    details.hidden = !open;
  });
  return el(
    "div",
    { class: "row-actions" },
    view,
    order.invoice
      ? el("a", {
          class: "invoice-link",
          href: api.invoiceUrl(number),
          download: "",
          text: "PDF invoice",
          "aria-label": `PDF invoice of order ${number}`,
        })
      : null,
  );
}

function renderOrders(orders) {
  const body = $("orders-body");
  if (!orders.length) {
    body.replaceChildren(ordersMessageRow("No orders yet. Orders you place in Billing · Add-ons appear here."));
    return;
  }
  const fmt = app.fmt ?? makeFormat({ locale: "en-US", currency: "USD", minorUnits: 2 });
  const rows = [];
  for (const order of orders) {
    const number = String(order.number);
    const details = el(
      "tr",
      { id: `order-details-${number.replace(/[^\w-]/g, "_")}`, class: "order-details", hidden: true },
      el("td", { colspan: "5" }, el("p", { class: "order-description", text: order.description || "No description." })),
    );
    const status = String(order.status ?? "");
    rows.push(
      el(
        "tr",
        { dataset: { orderNumber: number } },
        el("td", { dataset: { label: "Order number" } }, el("span", { class: "order-number", text: number })),
        el("td", { dataset: { label: "Creation date" }, text: fmt.dateTime(order.createdAt) }),
        el("td", {
          dataset: { label: "Price", amount: String(order.total) },
          text: plainMoney(order.total, order.currency ?? app.catalog?.currency ?? ""),
        }),
        el(
          "td",
          { dataset: { label: "Status" } },
          el("span", { class: `status status-${status.toLowerCase().replace(/[^a-z]/g, "")}`, text: status.charAt(0).toUpperCase() + status.slice(1) }),
        ),
        el("td", { class: "col-actions", dataset: { label: "Actions" } }, orderActions(order, number, details)),
      ),
      details,
    );
  }
  body.replaceChildren(...rows);
}
