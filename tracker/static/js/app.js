// Small keyboard helpers for every page (no inline scripts: the CSP forbids them).
// - A table or example that scrolls sideways (on a phone, say) becomes one Tab stop, named after
//   its caption or heading, so keyboard users can scroll it with the arrow keys.
// - A form's error summary takes the focus when the page opens, so the problems are read first.
(function () {
  "use strict";
  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    var section = box.closest("section, article, .card, main");
    var heading = section && section.querySelector("h1, h2, h3");
    return heading ? heading.textContent.trim() : document.title;
  }
  function markScrollAreas() {
    document.querySelectorAll(".table-wrap, pre").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.scrollArea = "1";
        if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
        if (!box.hasAttribute("aria-label")) { box.setAttribute("aria-label", nameOf(box)); }
      } else if (!scrolls && box.dataset.scrollArea) {
        box.removeAttribute("tabindex");
        delete box.dataset.scrollArea;
      }
    });
  }
  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  }
  var pending = null;
  function init() {
    markScrollAreas();
    focusErrors();
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(markScrollAreas, 150);
    });
    document.addEventListener("toggle", markScrollAreas, true);  // a table opened in <details>
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
