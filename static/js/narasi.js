// The narrative page: the length of each text, updated while typing. The page prints the same
// count from the server (laporan.forms.NarasiForm.isian_narasi), so it shows without script too.
(function () {
  function ribuan(n) {
    // As inti.angka.format_angka: "1.234".
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  document.querySelectorAll("[data-panjang-untuk]").forEach(function (keterangan) {
    var isian = document.getElementById(keterangan.getAttribute("data-panjang-untuk"));
    if (!isian) {
      return;
    }
    isian.addEventListener("input", function () {
      keterangan.textContent = ribuan(isian.value.length) + " karakter";
    });
  });
})();
