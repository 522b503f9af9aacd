"""The plan workbook for an organisation's admins: download it for a year, upload it,
see per sheet what would change, then save on confirmation.

An upload waits for the confirmation in private storage under a random token kept in the
uploader's session; on confirmation the stored file is read and checked again inside the
transaction that saves it. The service checks who may import; these views only route.
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from inti.galat import Ditolak
from inti.xlsx import JENIS_XLSX
from kinerja.models import penyimpanan_pribadi
from kinerja.realisasi.periode import tahun_berjalan
from laporan.rencana.ekspor import rencana_ekspor
from laporan.rencana.forms import UnggahRencanaForm
from laporan.rencana.impor import rencana_impor
from organisasi.akses import get_organisasi_for_user, is_admin_organisasi
from organisasi.pesan import pesan_ditolak, tampilkan_ditolak

FOLDER = "impor-rencana"
SESI = "impor_rencana"


def _organisasi_admin(request: HttpRequest, slug: str):
    organisasi = get_organisasi_for_user(request.user, slug)
    if not is_admin_organisasi(request.user, organisasi.pk):
        raise PermissionDenied
    return organisasi


@login_required
def rencana_saya(request: HttpRequest) -> HttpResponse:
    """The menu's entry: the page of the admin's own organisation."""
    if not request.user.organisasi_id:
        raise Http404
    return redirect("laporan:rencana", slug=request.user.organisasi.slug)


@login_required
def rencana_unduh(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = _organisasi_admin(request, slug)
    try:
        isi = rencana_ekspor(organisasi=organisasi, tahun=tahun)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
        return redirect("laporan:rencana", slug=slug)
    respons = HttpResponse(isi, content_type=JENIS_XLSX)
    respons["Content-Disposition"] = f'attachment; filename="rencana-{slug}-{tahun}.xlsx"'
    respons["Cache-Control"] = "private, no-store"
    return respons


@login_required
def rencana_unggah(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload; a workbook with any bad row is refused here, row by row."""
    organisasi = _organisasi_admin(request, slug)
    form = UnggahRencanaForm(request.POST or None, request.FILES or None)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        isi = form.cleaned_data["berkas"].read()
        try:
            rencana_impor(pengguna=request.user, slug=slug, isi=isi, simpan=False)
        except Ditolak as exc:
            kesalahan = pesan_ditolak(exc)
        else:
            token = secrets.token_urlsafe(24)
            _buang_semua(request)
            disimpan = penyimpanan_pribadi().save(f"{FOLDER}/{token}.xlsx", ContentFile(isi))
            request.session[SESI] = {token: {"berkas": disimpan, "org": organisasi.pk}}
            return redirect("laporan:rencana-pratinjau", slug=slug, token=token)
    return render(
        request,
        "laporan/rencana_unggah.html",
        {
            "organisasi": organisasi,
            "form": form,
            "kesalahan": kesalahan,
            "tahun": tahun_berjalan(organisasi=organisasi) or timezone.localdate().year,
        },
        status=400 if form.errors or kesalahan else 200,
    )


def _tertunda(request: HttpRequest, token: str, organisasi) -> dict:
    data = request.session.get(SESI, {}).get(token)
    if data is None or data["org"] != organisasi.pk:
        raise Http404
    return data


def _buang_semua(request: HttpRequest) -> None:
    for data in request.session.pop(SESI, {}).values():
        penyimpanan_pribadi().delete(data["berkas"])


@login_required
def rencana_pratinjau(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """What the upload changes, per sheet: records new, changed and unchanged."""
    organisasi = _organisasi_admin(request, slug)
    with penyimpanan_pribadi().open(_tertunda(request, token, organisasi)["berkas"], "rb") as f:
        isi = f.read()
    kesalahan: list[str] = []
    hasil = None
    try:
        hasil = rencana_impor(pengguna=request.user, slug=slug, isi=isi, simpan=False)
    except Ditolak as exc:
        kesalahan = pesan_ditolak(exc)
    return render(
        request,
        "laporan/rencana_pratinjau.html",
        {"organisasi": organisasi, "hasil": hasil, "kesalahan": kesalahan, "token": token},
        status=400 if kesalahan else 200,
    )


@login_required
@require_POST
def rencana_simpan(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    organisasi = _organisasi_admin(request, slug)
    tertunda = _tertunda(request, token, organisasi)
    if "batal" in request.POST:
        _buang_semua(request)
        messages.info(request, "Impor dibatalkan; tidak ada yang disimpan.")
        return redirect("laporan:rencana", slug=slug)
    with penyimpanan_pribadi().open(tertunda["berkas"], "rb") as f:
        isi = f.read()
    try:
        hasil = rencana_impor(pengguna=request.user, slug=slug, isi=isi)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
        return redirect("laporan:rencana-pratinjau", slug=slug, token=token)
    _buang_semua(request)
    messages.success(
        request, f"Buku kerja rencana dimuat: {hasil.jumlah_perubahan} data baru atau diubah."
    )
    return redirect("laporan:rencana", slug=slug)
