// Renders every chart on the page from its JSON block; no inline scripts (CSP forbids them).
// Dutch pages get Dutch month names and a decimal comma; a chart container with
// data-click-base opens base + the clicked point's id (the event timeline; keyboard users open
// the same events from the chart's table).
// No mode bar: its buttons were invisible until focused, English on Dutch pages, and dozens of
// Tab stops in front of the forms. The charts are read, not explored: every chart has a summary
// and its numbers in a table.
(function () {
  "use strict";
  var config = { displayModeBar: false, displaylogo: false, responsive: true, doubleClick: false,
                 scrollZoom: false };
  var NL = { moduleType: "locale", name: "nl", dictionary: {},
    format: { days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
              shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
              months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                       "september", "oktober", "november", "december"],
              shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
              date: "%d-%m-%Y", decimal: ",", thousands: "." } };
  function useLocale() {
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    if (lang === "nl" && window.Plotly && window.Plotly.register) {
      window.Plotly.register(NL);
    }
    config.locale = lang === "nl" ? "nl" : "en";
  }
  function openOnClick(target) {
    var base = target.dataset.clickBase;
    if (!base || !target.on) { return; }
    target.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      if (point && typeof point.customdata === "number") {
        window.location.href = base + String(point.customdata);
      }
    });
  }
  function render(block) {
    var target = document.getElementById(block.dataset.target);
    if (!target || !window.Plotly) { return; }
    var figure;
    try { figure = JSON.parse(block.textContent); } catch (e) { target.textContent = "Chart data unreadable."; return; }
    return window.Plotly.newPlot(target, figure.data || [], figure.layout || {}, config).then(openOnClick);
  }
  // data-charts-ready on <html> tells a printer (the report's PDF) that every chart is drawn.
  function renderAll() {
    useLocale();
    var blocks = document.querySelectorAll('script[type="application/json"].chart-data');
    Promise.all(Array.prototype.map.call(blocks, render)).then(function () {
      document.documentElement.setAttribute("data-charts-ready", "1");
    });
  }
  // The report printer swaps in the next report's document and draws its charts again.
  window.trackerCharts = { renderAll: renderAll };
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", renderAll); }
  else { renderAll(); }
})();
