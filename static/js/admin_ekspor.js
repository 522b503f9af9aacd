// The "select all" box of django-import-export's export page, bound here instead of by the
// package's inline onchange attribute (refused by the Content-Security-Policy).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (kotak) {
    kotak.addEventListener("change", onSelectToggleChange);
  });
});
