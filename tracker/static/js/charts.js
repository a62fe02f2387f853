// Renders every chart on the page from its JSON block; no inline scripts (CSP forbids them).
(function () {
  "use strict";
  var config = { displaylogo: false, responsive: true,
                 modeBarButtonsToRemove: ["lasso2d", "select2d", "autoScale2d"] };
  function render(block) {
    var target = document.getElementById(block.dataset.target);
    if (!target || !window.Plotly) { return; }
    var figure;
    try { figure = JSON.parse(block.textContent); } catch (e) { target.textContent = "Chart data unreadable."; return; }
    window.Plotly.newPlot(target, figure.data || [], figure.layout || {}, config);
  }
  function renderAll() {
    document.querySelectorAll('script[type="application/json"].chart-data').forEach(render);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", renderAll); }
  else { renderAll(); }
})();
