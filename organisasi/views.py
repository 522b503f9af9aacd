"""Views of the organisation app; Beranda is its own app: it reads kinerja and anggaran."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from organisasi.forms import FormMasuk, FormPengaturanAkun
from organisasi.models import Organisasi

NAMA_APLIKASI = "SAKIP"
KEPANJANGAN_APLIKASI = "Sistem Akuntabilitas Kinerja Instansi Pemerintah"


def masuk(request: HttpRequest) -> HttpResponse:
    """The login page, naming whose application this is: the organisation when the
    installation serves one (its logo, its name, its office to call for a new password),
    only the application where it serves several (nobody is signed in to tell which)."""
    semua = list(Organisasi.objects.order_by("pk")[:2])
    konteks = {
        "nama_aplikasi": NAMA_APLIKASI,
        "kepanjangan_aplikasi": KEPANJANGAN_APLIKASI,
        "organisasi": semua[0] if len(semua) == 1 else None,
    }
    return auth_views.LoginView.as_view(authentication_form=FormMasuk, extra_context=konteks)(
        request
    )


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
