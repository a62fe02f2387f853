// Forms marked data-busy: after submit, show that the server is working and for how long,
// and keep the button from being pressed twice.
(function () {
  "use strict";
  function init() {
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var status = form.querySelector(".busy-status");
        var seconds = form.querySelector("[data-busy-seconds]");
        var started = Date.now();
        form.querySelectorAll("button[type=submit]").forEach(function (b) {
          window.setTimeout(function () { b.disabled = true; }, 0);  // after the submit is sent
        });
        if (status) { status.hidden = false; }
        if (seconds) {
          window.setInterval(function () {
            seconds.textContent = Math.round((Date.now() - started) / 1000) + " s";
          }, 1000);
        }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
