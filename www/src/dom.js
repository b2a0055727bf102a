// Small DOM helpers shared by every view.

export const $ = (id) => document.getElementById(id);

/** A new element: `props` sets class, text, dataset, properties or attributes; then children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** Replace a select's options, only when they changed (keeps focus and scroll steady). */
export function setOptions(select, options, value) {
  const key = JSON.stringify(options);
  if (select.dataset.key !== key) {
    select.replaceChildren(...options.map(([v, text]) => el("option", { value: String(v), text })));
    select.dataset.key = key;
  }
  if (value !== undefined) select.value = String(value);
}
