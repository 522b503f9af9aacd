"""The admin's way to reopen a whole year: a page beside the list of reopenings (one action, one
reason for every unit and period), calling the same service as the app's form."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from inti.galat import Ditolak
from kinerja.realisasi.forms import PembukaanPeriodeForm
from kinerja.realisasi.periode import periode_buka_kembali_tahun
from organisasi.admin_lingkup import saring_organisasi
from organisasi.models import Organisasi


class BukaTahunForm(PembukaanPeriodeForm):
    organisasi = forms.ModelChoiceField(label="Organisasi", queryset=Organisasi.objects.none())
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    field_order = ["organisasi", "tahun", "alasan", "sampai"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisasi"].queryset = saring_organisasi(Organisasi.objects.all(), "", user)


class BukaTahunAdmin:
    """Mixin for PembukaanPeriode's ModelAdmin: the "Buka kembali satu tahun" page. Not a list
    action: a year has no row to select (its lock is lifted when the report is reopened)."""

    change_list_template = "admin/kinerja/pembukaanperiode/change_list.html"

    def get_urls(self):
        return [
            path(
                "buka-tahun/",
                self.admin_site.admin_view(self.buka_tahun),  # type: ignore[attr-defined]
                name="kinerja_pembukaanperiode_buka_tahun",
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def buka_tahun(self, request):
        if not self.has_add_permission(request):  # type: ignore[attr-defined]
            raise PermissionDenied
        form = BukaTahunForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                dibuka = periode_buka_kembali_tahun(
                    pengguna=request.user,
                    organisasi=data["organisasi"],
                    tahun=data["tahun"],
                    alasan=data["alasan"],
                    sampai=data["sampai"],
                )
            except Ditolak as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"{len(dibuka)} periode tahun {data['tahun']} dibuka kembali untuk "
                    f"{data['organisasi']} sampai {data['sampai']:%d-%m-%Y}.",
                )
                return redirect("admin:kinerja_pembukaanperiode_changelist")
        konteks = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": self.model._meta,  # type: ignore[attr-defined]
            "title": "Buka kembali seluruh periode satu tahun",
            "form": form,
        }
        return TemplateResponse(request, "admin/kinerja/buka_tahun.html", konteks)
