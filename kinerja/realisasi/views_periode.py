"""Reopening a whole year for entry: one admin action, one reason, every unit and period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from inti.galat import Ditolak
from kinerja.realisasi.akses import wajib
from kinerja.realisasi.forms import PembukaanPeriodeForm
from kinerja.realisasi.periode import periode_buka_kembali_tahun
from organisasi.akses import get_organisasi_for_user, is_admin_organisasi
from organisasi.pesan import tampilkan_ditolak


@login_required
def buka_tahun(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    """Only an admin reopens the year, with a reason and an end date; back to the page the
    button was on (`kembali`, a local address) or else the year's LAKIP."""
    organisasi = get_organisasi_for_user(request.user, org)
    wajib(is_admin_organisasi(request.user, organisasi.pk))
    kembali = request.POST.get("kembali") or request.GET.get("kembali") or ""
    if not url_has_allowed_host_and_scheme(kembali, allowed_hosts={request.get_host()}):
        kembali = ""
    form = PembukaanPeriodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dibuka = periode_buka_kembali_tahun(
                pengguna=request.user,
                organisasi=organisasi,
                tahun=tahun,
                alasan=form.cleaned_data["alasan"],
                sampai=form.cleaned_data["sampai"],
            )
        except Ditolak as exc:
            tampilkan_ditolak(request, exc)
        else:
            unit = len({p.unit_kerja_id for p in dibuka})
            messages.success(
                request,
                f"Seluruh periode tahun {tahun} dibuka kembali untuk {unit} unit sampai "
                f"{form.cleaned_data['sampai']:%d-%m-%Y}.",
            )
            return redirect(kembali) if kembali else redirect("laporan:lakip", org, tahun)
    return render(
        request,
        "kinerja/buka_tahun.html",
        {"organisasi": organisasi, "tahun": tahun, "form": form, "kembali": kembali},
        status=400 if form.is_bound and form.errors else 200,
    )
