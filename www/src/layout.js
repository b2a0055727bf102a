// Keeps the total and the pay button in view. On a wide screen the summary is sticky and never
// taller than the room left below its top, so its pay bar stays on screen and only the lines
// scroll; on a narrow one the pay bar is a fixed bottom bar (style.css) and the page leaves room
// for it.
import { $ } from "./dom.js";

const WIDE = window.matchMedia("(min-width: 881px)");
let queued = false;

function fit() {
  queued = false;
  const summary = $("summary");
  if (!summary || summary.offsetParent === null) return;
  // The lines' own scroll, when there is one, can be scrolled from the keyboard.
  const lines = $("summary-scroll");
  if (lines.scrollHeight > lines.clientHeight + 1) lines.tabIndex = 0;
  else lines.removeAttribute("tabindex");
  if (WIDE.matches) {
    const top = Math.max(summary.getBoundingClientRect().top, 16);
    summary.style.maxHeight = `${Math.max(320, window.innerHeight - top - 16)}px`;
    document.body.style.paddingBottom = "";
  } else {
    summary.style.maxHeight = "";
    document.body.style.paddingBottom = `${$("pay-bar").offsetHeight + 16}px`;
  }
}

/** Fit again on the next frame (after a scroll, a resize or a change of the summary). */
export function refit() {
  if (queued) return;
  queued = true;
  requestAnimationFrame(fit);
}

export function bindLayout() {
  window.addEventListener("scroll", refit, { passive: true });
  window.addEventListener("resize", refit);
  WIDE.addEventListener("change", refit);
  new ResizeObserver(refit).observe($("pay-bar"));
  new MutationObserver(refit).observe($("checkout"), { attributes: true, attributeFilter: ["hidden"] });
}
