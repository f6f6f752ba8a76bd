/* wulian: behaviour without inline scripts (the CSP forbids them). */
document.addEventListener("DOMContentLoaded", function () {
  // Selects marked data-autosubmit submit their form on change (per-page choice, filters).
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  // Buttons marked data-confirm ask before submitting.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // A checkbox marked data-select-all="NAME" ticks or clears every checkbox NAME of its form (confirmation lists).
  document.querySelectorAll("[data-select-all]").forEach(function (master) {
    var boxes = function () {
      return master.form.querySelectorAll('input[type="checkbox"][name="' + master.getAttribute("data-select-all") + '"]');
    };
    master.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = master.checked; });
    });
    master.form.addEventListener("change", function (event) {
      if (event.target === master) { return; }
      var all = boxes(), ticked = 0;
      all.forEach(function (box) { if (box.checked) { ticked += 1; } });
      master.checked = all.length > 0 && ticked === all.length;
      master.indeterminate = ticked > 0 && ticked < all.length;
    });
  });
  // Buttons marked data-print print the page (the check-in poster).
  document.querySelectorAll("[data-print]").forEach(function (el) {
    el.addEventListener("click", function () { window.print(); });
  });
  // Open the tab named in the URL hash (#history).
  if (window.location.hash) {
    var trigger = document.querySelector('[data-bs-target="' + window.location.hash + '"]');
    if (trigger && window.bootstrap) { window.bootstrap.Tab.getOrCreateInstance(trigger).show(); }
  }
});
