// Keyboard access to what a reader unfolds (loaded on every page).
//
// pydata-sphinx-theme gives a code block, output or table that scrolls sideways a tab stop (tabindex 0) when the
// page loads, when it resizes and when elements are added; a solution (sphinx-togglebutton) or a folded cell
// (<details>) opened later was hidden then, so a line wider than its box could not be scrolled from the keyboard
// (axe-core: scrollable-region-focusable). The theme's rule, applied again to whatever opens.
(function () {
  "use strict";
  const SCROLLERS = "pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, "
    + ".pst-scrollable-table-container";

  function update(root) {
    root.querySelectorAll(SCROLLERS).forEach((el) => {
      if (el.offsetParent === null) return; // still hidden: measured when it opens
      el.tabIndex = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight ? 0 : -1;
    });
  }

  // sphinx-togglebutton opens a solution on a click (or Enter/Space) on its button: measure after it has toggled.
  document.addEventListener("click", (ev) => {
    const box = ev.target.closest && ev.target.closest(".toggle");
    if (box) requestAnimationFrame(() => update(box));
  });
  // <details> fires "toggle" (it does not bubble: listen in the capture phase).
  document.addEventListener("toggle", (ev) => { if (ev.target.open) update(ev.target); }, true);
})();
