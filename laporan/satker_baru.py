"""The superusers' page "Satker baru": a new organisation from a template, as the command
buat_satker does, through the same service."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from inti.galat import Ditolak
from laporan.satker import satker_buat, templat_tersedia
from organisasi.models import Organisasi
from organisasi.pesan import ditolak_ke_form


class SatkerBaruForm(forms.Form):
    templat = forms.ChoiceField(label="Templat")
    nama = forms.CharField(
        label="Nama satker",
        max_length=200,
        help_text="Nama lengkap, mis. Komisi Pemilihan Umum Kabupaten Contoh.",
    )
    nama_singkat = forms.CharField(
        label="Nama singkat",
        max_length=100,
        required=False,
        help_text="Kosongkan untuk memakai singkatan templat (mis. KPU Kabupaten Contoh).",
    )
    slug = forms.SlugField(
        label="Slug",
        max_length=100,
        help_text="Huruf kecil, angka dan tanda hubung; dipakai di alamat halaman.",
    )
    induk = forms.ModelChoiceField(
        label="Organisasi induk",
        queryset=Organisasi.objects.order_by("nama"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["templat"].choices = [
            (t.kode, f"{t.nama} ({t.kode})") for t in templat_tersedia()
        ]


@login_required
def satker_baru(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied("Hanya superuser yang dapat membuat satker baru.")
    form = SatkerBaruForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            baru = satker_buat(**form.cleaned_data, oleh=request.user)
        except Ditolak as exc:
            ditolak_ke_form(form, exc)
        else:
            org = baru.organisasi
            messages.success(
                request,
                f"Satker {org.nama_singkat} dibuat dari templat {form.cleaned_data['templat']}: "
                f"{sum(baru.hasil.dibuat.values())} data. Lengkapi profil, pejabat, target dan "
                "pagunya.",
            )
            return redirect(reverse("admin:organisasi_organisasi_change", args=[org.pk]))
    return render(
        request,
        "laporan/satker_baru.html",
        {"form": form, "templat": templat_tersedia()},
    )
