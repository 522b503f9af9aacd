"""Views of the organisation app; Beranda is its own app: it reads kinerja and anggaran."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from organisasi.forms import FormPengaturanAkun


@login_required
def pengaturan_akun(request: HttpRequest) -> HttpResponse:
    """A person's own settings: their email address and whether reminders are mailed.
    Only their own row, two plain fields: the form's validation is the whole rule."""
    form = FormPengaturanAkun(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Pengaturan akun disimpan.")
        return redirect("pengaturan_akun")
    return render(request, "organisasi/pengaturan_akun.html", {"form": form})
