// <form data-jaga-perubahan>: ask before leaving the page while the form holds changes not
// yet saved, i.e. any field that differs from what the page loaded with. Sending the form
// itself is not leaving it. data-belum-tersimpan marks a page that shows a refused POST:
// what it holds was never saved, whatever the fields say.
(function () {
  "use strict";
  var formulir = document.querySelectorAll("form[data-jaga-perubahan]");
  if (!formulir.length) {
    return;
  }
  var kiriman = null;

  function pilihanBerubah(select) {
    var awal = Array.prototype.some.call(select.options, function (o) {
      return o.defaultSelected;
    });
    if (!awal) {
      // Nothing marked selected: the browser shows the first option.
      return select.selectedIndex > 0;
    }
    return Array.prototype.some.call(select.options, function (o) {
      return o.selected !== o.defaultSelected;
    });
  }

  function berubah(el) {
    if (el.type === "file") {
      return el.files !== null && el.files.length > 0;
    }
    if (el.type === "checkbox" || el.type === "radio") {
      return el.checked !== el.defaultChecked;
    }
    if (el.tagName === "SELECT") {
      return pilihanBerubah(el);
    }
    if (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type !== "hidden")) {
      return el.value !== el.defaultValue;
    }
    return false;
  }

  function belumTersimpan(form) {
    return form.hasAttribute("data-belum-tersimpan") ||
      Array.prototype.some.call(form.elements, berubah);
  }

  formulir.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      kiriman = event;
    });
  });

  window.addEventListener("beforeunload", function (event) {
    // A send another script cancelled (a declined confirmation) did not leave the page.
    if (kiriman !== null && !kiriman.defaultPrevented) {
      return;
    }
    if (Array.prototype.some.call(formulir, belumTersimpan)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Back to this page from the browser's cache: the earlier send is over.
  window.addEventListener("pageshow", function () {
    kiriman = null;
  });
})();
