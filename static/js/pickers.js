/* Searchable pickers (Tom Select): options are loaded on demand from the scoped endpoint named in
   data-pick-url, so a page never carries thousands of <option>s. Without JavaScript the <select> still
   holds the chosen option (or every option of a short list). */
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function setUp(select) {
    if (select.tomselect || typeof window.TomSelect === "undefined") { return; }
    var url = select.getAttribute("data-pick-url");
    var empty = select.getAttribute("data-pick-empty") || "";
    var settings = {
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: null,
      preload: "focus",
      loadThrottle: 250,
      // The empty choice ("---------") is not an item: the placeholder shows instead, and a choice that
      // may stay empty (a filter, an optional field) gets a clear button.
      allowEmptyOption: false,
      placeholder: select.getAttribute("data-pick-placeholder") || "",
      plugins: select.multiple ? ["remove_button"] : (select.required ? [] : {
        clear_button: { title: select.getAttribute("data-pick-clear") || "" }
      }),
      // The server has already matched the typed text (names of parents too): keep every answer, but not
      // the empty choice while something is typed (so "no match" can show).
      score: function (search) {
        return function (item) { return search && item.value === "" ? 0 : 1; };
      },
      load: function (query, callback) {
        var self = this;
        var sep = url.indexOf("?") < 0 ? "?" : "&";
        fetch(url + sep + "q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { "Accept": "application/json" }
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            if (query !== (self.lastValue || "")) { callback(); return; }  // a later search is under way
            self.clearOptions();  // keeps the chosen items, drops the previous answer
            callback(data.results || []);
          })
          .catch(function () { callback(); });
      },
      render: {
        no_results: function () { return '<div class="no-results">' + escapeHtml(empty) + "</div>"; }
      }
    };
    // Tom Select points the field's <label> at its own search input; the original <select>, now hidden,
    // keeps the label's words as its accessible name (axe: select-name).
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    var name = label ? label.textContent.replace(/\*/g, "").trim() : "";
    new window.TomSelect(select, settings);  // eslint-disable-line no-new
    if (name && !select.getAttribute("aria-label")) { select.setAttribute("aria-label", name); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-pick-url]").forEach(setUp);
  });
})();
