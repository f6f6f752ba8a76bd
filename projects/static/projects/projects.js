// Service projects: inline rows ("add a row") and live totals (criterion weights, milestones, score sheets).
(function () {
  "use strict";

  function addRow(formset) {
    var total = formset.querySelector('input[name$="-TOTAL_FORMS"]');
    var template = formset.querySelector("template.formset-empty");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    formset.querySelector(".formset-rows").insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var rows = formset.querySelectorAll(".formset-row");
    var first = rows[rows.length - 1].querySelector("input, select, textarea");
    if (first) first.focus();
  }

  function sumInputs(selector) {
    var total = 0;
    document.querySelectorAll(selector).forEach(function (input) {
      var row = input.closest(".formset-row");
      var gone = row && row.querySelector('input[name$="-DELETE"]:checked');
      var value = parseFloat(input.value);
      if (!gone && !isNaN(value)) total += value;
    });
    return Math.round(total * 100) / 100;
  }

  function refreshTotals() {
    document.querySelectorAll("[data-total-of]").forEach(function (out) {
      var total = sumInputs(out.getAttribute("data-total-of"));
      out.textContent = total.toLocaleString("zh-CN", { maximumFractionDigits: 2 });
      var expected = out.getAttribute("data-total-expected");
      var expectedFrom = out.getAttribute("data-total-expected-from");
      if (expectedFrom) {
        var source = document.querySelector(expectedFrom);
        expected = source ? source.value : "";
      }
      if (expected !== null && expected !== "") {
        var ok = Math.abs(total - parseFloat(expected)) < 0.005;
        out.classList.toggle("text-danger", !ok);
        out.classList.toggle("text-success", ok);
      }
    });
    document.querySelectorAll("input[data-max]").forEach(function (input) {
      var value = parseFloat(input.value);
      var bad = !isNaN(value) && (value < 0 || value > parseFloat(input.getAttribute("data-max")));
      input.classList.toggle("is-invalid", bad);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".formset-add");
    if (!button) return;
    event.preventDefault();
    addRow(button.closest(".formset"));
    refreshTotals();
  });
  document.addEventListener("input", refreshTotals);
  document.addEventListener("change", refreshTotals);
  document.addEventListener("DOMContentLoaded", refreshTotals);
})();
