// The two tabs, Billing · Add-ons and Order history (WAI-ARIA tabs: arrows, Home, End).
import { $ } from "./dom.js";

const tabs = () => [$("tab-billing"), $("tab-orders")];

export function selectTab(tab, { focus = false } = {}) {
  for (const t of tabs()) {
    const selected = t === tab;
    t.setAttribute("aria-selected", String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !selected;
  }
  if (focus) tab.focus();
}

export function bindTabs() {
  const all = tabs();
  for (const tab of all) {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const i = all.indexOf(tab);
      const next = {
        ArrowRight: all[(i + 1) % all.length],
        ArrowLeft: all[(i - 1 + all.length) % all.length],
        Home: all[0],
        End: all[all.length - 1],
      }[event.key];
      if (next) {
        event.preventDefault();
        selectTab(next, { focus: true });
      }
    });
  }
}
