// A coach's reports in one zip, with progress: fetches each project's PDF in turn (the server
// prints one at a time), shows how far it is, then zips them here (fflate, stored: PDFs are
// already compressed) and offers the file. Without JavaScript the button streams the zip instead.
(function () {
  "use strict";
  var box = document.querySelector(".report-bundle");
  if (!box || !window.fetch || !window.fflate) { return; }
  var start = box.querySelector(".report-bundle-start");
  var progress = box.querySelector("progress");
  var status = box.querySelector(".report-bundle-status");
  var items = Array.prototype.slice.call(box.querySelectorAll("li[data-url]"));
  var words = document.documentElement.lang === "nl"
    ? { busy: "Rapport %n van %t: %c …", done: "klaar", failed: "mislukt", ready: "%k van %t rapporten klaar. De zip wordt gedownload.", save: "Zip opslaan" }
    : { busy: "Report %n of %t: %c …", done: "done", failed: "failed", ready: "%k of %t reports ready. The zip is downloading.", save: "Save the zip" };
  function say(text, n, code, kept) {
    return text.replace("%n", n).replace("%t", items.length).replace("%c", code).replace("%k", kept);
  }
  function offer(files) {
    var zipped = window.fflate.zipSync(files, { level: 0 });
    var url = URL.createObjectURL(new Blob([zipped], { type: "application/zip" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = box.dataset.zipName;
    link.textContent = words.save;
    status.appendChild(document.createTextNode(" "));
    status.appendChild(link);
    link.click();
  }
  start.addEventListener("click", function (event) {
    event.preventDefault();
    start.setAttribute("aria-disabled", "true");
    start.hidden = true;
    box.querySelector(".report-bundle-progress").hidden = false;
    var files = {}, kept = 0;
    items.reduce(function (chain, item, i) {
      return chain.then(function () {
        var state = item.querySelector(".report-bundle-state");
        status.textContent = say(words.busy, i + 1, item.dataset.name, kept);
        return fetch(item.dataset.url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          var name = (response.headers.get("Content-Disposition") || "").match(/filename="([^"]+)"/);
          return response.arrayBuffer().then(function (data) {
            files[name ? name[1] : item.dataset.name + ".pdf"] = new Uint8Array(data);
            kept += 1;
            state.textContent = words.done;
          });
        }).catch(function () { state.textContent = words.failed; })
          .then(function () { progress.value = i + 1; });
      });
    }, Promise.resolve()).then(function () {
      status.textContent = say(words.ready, 0, "", kept);
      if (kept) { offer(files); }
    });
  });
})();
