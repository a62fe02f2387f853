// Page-wide keys: a link marked data-shortcut="n" is followed when "n" is pressed outside a field.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))) { return; }
    var link = document.querySelector('a[data-shortcut="' + event.key + '"]');
    if (link) { event.preventDefault(); window.location.assign(link.href); }
  });
}());
