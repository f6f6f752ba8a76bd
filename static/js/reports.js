/* The report centre's progress bars: each row of a report being built polls its JSON progress endpoint
   (about once a second) and moves its bar; when the report is ready or has failed, the row is replaced by
   its final version (download button or "try again"). No library needed. */
(function () {
  "use strict";
  var INTERVAL = 1000;

  function update(row, data) {
    var bar = row.querySelector(".progress-bar");
    var holder = row.querySelector(".progress");
    var note = row.querySelector(".report-note");
    if (bar) {
      bar.style.width = Math.max(3, data.progress) + "%";
      bar.textContent = data.progress + "%";
    }
    if (holder) holder.setAttribute("aria-valuenow", data.progress);
    if (note) note.textContent = data.status_label + (data.note ? " · " + data.note : "");
  }

  function replaceRow(row, url) {
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var body = document.createElement("tbody");
        body.innerHTML = html.trim();
        var fresh = body.querySelector("tr");
        if (fresh) {
          row.replaceWith(fresh);
          watch(fresh);
        }
      })
      .catch(function () { setTimeout(function () { replaceRow(row, url); }, INTERVAL * 3); });
  }

  function watch(row) {
    var url = row.getAttribute("data-progress-url");
    if (!url || row.dataset.watching) return;
    row.dataset.watching = "1";
    function poll() {
      if (!row.isConnected) return;
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          update(row, data);
          if (data.active) setTimeout(poll, INTERVAL);
          else replaceRow(row, data.row_url);
        })
        .catch(function () { setTimeout(poll, INTERVAL * 3); });
    }
    setTimeout(poll, INTERVAL / 2);
  }

  function start() {
    document.querySelectorAll("tr[data-progress-url]").forEach(watch);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
