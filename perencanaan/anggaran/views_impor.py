"""Upload of the budget-realisation workbook: the template, the upload (refused row by row
when any row is bad), a preview of every change, and the save on confirmation.

What was read waits in the uploader's session (never in the browser) under a random token;
on confirmation the plan is made again inside the transaction that saves it.
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from inti.galat import Ditolak
from inti.xlsx import JENIS_XLSX
from organisasi.pesan import pesan_ditolak
from perencanaan.anggaran.forms import UnggahForm
from perencanaan.anggaran.impor import (
    anggaran_impor,
    baca_berkas,
    baris_dari_sesi,
    baris_ke_sesi,
    rencana_impor,
    templat_anggaran,
)
from perencanaan.anggaran.views import org_admin

SESI = "impor_anggaran"


@login_required
def templat(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi = org_admin(request, org)
    respons = HttpResponse(templat_anggaran(organisasi=organisasi, tahun=tahun), JENIS_XLSX)
    nama = f"realisasi-anggaran-{organisasi.slug}-{tahun}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    respons["Cache-Control"] = "private, no-store"
    return respons


@login_required
def unggah(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi = org_admin(request, org)
    form = UnggahForm(request.POST or None, request.FILES or None)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            baris, kesalahan = baca_berkas(form.cleaned_data["berkas"].read())
        except Ditolak as exc:
            form.add_error("berkas", exc.pesan)
        else:
            rencana = rencana_impor(organisasi=organisasi, tahun=tahun, baris=baris)
            kesalahan += rencana.kesalahan
            if not kesalahan and not rencana.perubahan:
                messages.info(request, "Tidak ada perubahan dalam berkas; tidak ada yang disimpan.")
                return redirect("perencanaan_anggaran", organisasi.slug, tahun)
            if not kesalahan:
                token = secrets.token_urlsafe(16)
                request.session[SESI] = {
                    token: {"org": organisasi.pk, "tahun": tahun, "baris": baris_ke_sesi(baris)}
                }
                return redirect(
                    "perencanaan_anggaran_impor_pratinjau", organisasi.slug, tahun, token
                )
    return render(
        request,
        "perencanaan/anggaran/impor_unggah.html",
        {"organisasi": organisasi, "tahun": tahun, "form": form, "kesalahan": kesalahan},
        status=400 if form.errors or kesalahan else 200,
    )


@login_required
def pratinjau(request: HttpRequest, org: str, tahun: int, token: str) -> HttpResponse:
    organisasi = org_admin(request, org)
    tertunda = request.session.get(SESI, {}).get(token)
    if tertunda is None or (tertunda["org"], tertunda["tahun"]) != (organisasi.pk, tahun):
        raise Http404
    baris = baris_dari_sesi(tertunda["baris"])
    kesalahan: list[str] = []
    if request.method == "POST":
        request.session.pop(SESI, None)
        if "batal" in request.POST:
            messages.info(request, "Impor dibatalkan; tidak ada yang disimpan.")
            return redirect("perencanaan_anggaran", organisasi.slug, tahun)
        try:
            jumlah = anggaran_impor(
                pengguna=request.user, organisasi=organisasi, tahun=tahun, baris=baris
            )
        except Ditolak as exc:
            kesalahan = pesan_ditolak(exc)
        else:
            messages.success(request, f"Impor realisasi anggaran: {jumlah} baris diubah.")
            return redirect("perencanaan_anggaran", organisasi.slug, tahun)
    rencana = rencana_impor(organisasi=organisasi, tahun=tahun, baris=baris)
    return render(
        request,
        "perencanaan/anggaran/impor_pratinjau.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "rencana": rencana,
            "kesalahan": kesalahan or rencana.kesalahan,
            "token": token,
        },
        status=400 if kesalahan or rencana.kesalahan else 200,
    )
