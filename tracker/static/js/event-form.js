// The event form: show only the fields that apply to the chosen kind, put the factors this
// project scores most for that kind first, and save with Ctrl+Enter.
(function () {
  "use strict";
  function usage() {
    var node = document.getElementById("factor-usage");
    try { return node ? JSON.parse(node.textContent) : {}; } catch (e) { return {}; }
  }
  function hasValue(box) {
    return Array.prototype.some.call(box.querySelectorAll("input, select"), function (input) {
      return input.value !== "";
    });
  }
  function showFields(form, kind, initial) {
    form.querySelectorAll("[data-show-for]").forEach(function (box) {
      var applies = box.getAttribute("data-show-for").split(" ").indexOf(kind) >= 0;
      var visible = applies || (initial && hasValue(box));
      box.hidden = !visible;
      // A hidden field is not sent: a value chosen for another kind must not be saved.
      box.querySelectorAll("input, select").forEach(function (input) { input.disabled = !visible; });
    });
  }
  function sortFactors(form, counts) {
    form.querySelectorAll("fieldset.scores").forEach(function (group) {
      var rows = Array.prototype.slice.call(group.querySelectorAll(".score-row"));
      rows.forEach(function (row, i) { if (!row.dataset.position) { row.dataset.position = String(i); } });
      rows.sort(function (a, b) {
        var ca = counts[a.dataset.factor] || 0, cb = counts[b.dataset.factor] || 0;
        return cb - ca || Number(a.dataset.position) - Number(b.dataset.position);
      });
      rows.forEach(function (row, i) {
        row.classList.toggle("suggested", i < 2 && (counts[row.dataset.factor] || 0) > 0);
        group.appendChild(row);
      });
    });
  }
  function init() {
    var form = document.querySelector("form.quick-log");
    if (!form) { return; }
    var byKind = usage();
    function apply(initial) {
      var checked = form.querySelector("input[name=kind]:checked");
      var kind = checked ? checked.value : "";
      form.dataset.kind = kind;
      showFields(form, kind, initial);
      sortFactors(form, byKind[kind] || {});
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") { apply(false); }
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      }
    });
    apply(true);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
