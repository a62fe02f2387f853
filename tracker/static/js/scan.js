// Scan answer form: keeps the progress bar and count in step with the chosen answers.
(function () {
  "use strict";
  function update(form) {
    var groups = form.querySelectorAll(".scan-statement");
    var done = 0;
    groups.forEach(function (group) {
      var checked = group.querySelector("input[type=radio]:checked");
      if (checked) { done += 1; }
      group.classList.toggle("is-answered", Boolean(checked));
    });
    var bar = form.querySelector(".scan-progress progress");
    var count = form.querySelector(".scan-progress-count");
    if (bar) { bar.value = done; }
    if (count) { count.textContent = String(done); }
  }
  function init() {
    document.querySelectorAll("form.scan-form").forEach(function (form) {
      form.addEventListener("change", function () { update(form); });
      update(form);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
