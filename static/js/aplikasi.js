// The application's script for every page (jaga_perubahan.js serves the entry form only).
// Pages carry no inline scripts or on*= handlers (the Content-Security-Policy refuses them);
// behaviour hangs off data attributes.

// <form data-konfirmasi="Hapus draf ini?">: ask before sending.
document.addEventListener("submit", function (event) {
  var pesan = event.target.getAttribute && event.target.getAttribute("data-konfirmasi");
  if (pesan && !window.confirm(pesan)) {
    event.preventDefault();
  }
});
