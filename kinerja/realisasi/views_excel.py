"""The entry page's spreadsheets: download the unit's template, upload it filled, preview
every change, then save on confirmation. Thin views over
kinerja.realisasi.templat, .baca and .impor.

An uploaded file waits for the confirmation in private storage under a random token kept in
the uploader's session; nothing about it is trusted from the browser. Beside it waits what
was read from it (JSON), so that the preview page does not parse the workbook again on
every load. On confirmation the file is read and checked again, inside the transaction that
saves it.
"""

import secrets
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from inti.galat import Ditolak
from inti.xlsx import JENIS_XLSX
from kinerja.models import penyimpanan_pribadi
from kinerja.realisasi.akses import boleh_mengisi, get_unit_periode_for_user, wajib
from kinerja.realisasi.baca import BerkasRealisasi, BerkasTidakValid, baca_templat
from kinerja.realisasi.forms import KonfirmasiImporForm, UnggahTemplatForm
from kinerja.realisasi.impor import nama_sumber, realisasi_impor, rencana_impor
from kinerja.realisasi.templat import nama_templat, templat_realisasi
from organisasi.pesan import pesan_ditolak, tampilkan_ditolak

FOLDER = "impor"
SESI = "impor_realisasi"
UMUR_MAKS = timedelta(days=1)


def _url_isi(organisasi, unit_kerja, tahun, periode) -> str:
    return reverse("kinerja:isi", args=[organisasi.slug, unit_kerja.slug, tahun, periode.value])


@login_required
def templat_unduh(
    request: HttpRequest, org: str, unit: str, tahun: int, periode: str
) -> HttpResponse:
    """The unit's template of the period, for everyone who may read the unit's values."""
    organisasi, unit_kerja, periode = get_unit_periode_for_user(request.user, org, unit, periode)
    isi = templat_realisasi(
        organisasi=organisasi, tahun=tahun, periode=periode, unit_kerja=unit_kerja
    )
    respons = HttpResponse(isi, content_type=JENIS_XLSX)
    nama = nama_templat(organisasi=organisasi, tahun=tahun, periode=periode, unit_kerja=unit_kerja)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    respons["Cache-Control"] = "private, no-store"
    return respons


def _simpan_sementara(
    request: HttpRequest, isi: bytes, terbaca: BerkasRealisasi, nama: str, kunci: dict
) -> str:
    """Keep the upload until the confirmation; older pending uploads of this session and
    forgotten ones of anybody (older than a day) are removed."""
    penyimpanan = penyimpanan_pribadi()
    tertunda = request.session.get(SESI, {})
    for lama in tertunda.values():
        penyimpanan.delete(lama["berkas"])
        if lama.get("terbaca"):
            penyimpanan.delete(lama["terbaca"])
    if penyimpanan.exists(FOLDER):
        batas = timezone.now() - UMUR_MAKS
        for berkas in penyimpanan.listdir(FOLDER)[1]:
            jalur = f"{FOLDER}/{berkas}"
            if penyimpanan.get_modified_time(jalur) < batas:
                penyimpanan.delete(jalur)
    token = secrets.token_urlsafe(24)
    disimpan = penyimpanan.save(f"{FOLDER}/{token}.xlsx", ContentFile(isi))
    json_ = penyimpanan.save(f"{FOLDER}/{token}.json", ContentFile(terbaca.ke_json().encode()))
    request.session[SESI] = {token: {"berkas": disimpan, "terbaca": json_, "nama": nama, **kunci}}
    return token


def _tertunda(request: HttpRequest, token: str, kunci: dict) -> dict:
    """The pending upload of this session for this very page, else 404."""
    data = request.session.get(SESI, {}).get(token)
    if data is None or any(data.get(k) != v for k, v in kunci.items()):
        raise Http404
    return data


def _buang(request: HttpRequest, token: str) -> None:
    data = request.session.get(SESI, {})
    if token in data:
        penyimpanan_pribadi().delete(data[token]["berkas"])
        if data[token].get("terbaca"):
            penyimpanan_pribadi().delete(data[token]["terbaca"])
        del data[token]
        request.session[SESI] = data


def _terbaca(tertunda: dict) -> BerkasRealisasi:
    """What was read from the pending upload when it was uploaded (an upload pending from
    before this was kept is read again, once)."""
    penyimpanan = penyimpanan_pribadi()
    if tertunda.get("terbaca") and penyimpanan.exists(tertunda["terbaca"]):
        with penyimpanan.open(tertunda["terbaca"], "rb") as berkas:
            return BerkasRealisasi.dari_json(berkas.read().decode())
    with penyimpanan.open(tertunda["berkas"], "rb") as berkas:
        return baca_templat(berkas.read())


@login_required
def impor_unggah(
    request: HttpRequest, org: str, unit: str, tahun: int, periode: str
) -> HttpResponse:
    """Upload a filled template; a file with any bad row is refused here, row by row."""
    organisasi, unit_kerja, periode = get_unit_periode_for_user(request.user, org, unit, periode)
    wajib(boleh_mengisi(request.user, unit_kerja))
    form = UnggahTemplatForm(request.POST or None, request.FILES or None)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        unggahan = form.cleaned_data["berkas"]
        isi = unggahan.read()
        try:
            terbaca = baca_templat(isi)
            rencana = rencana_impor(
                berkas=terbaca,
                organisasi=organisasi,
                tahun=tahun,
                pengguna=request.user,
                unit_kerja=unit_kerja,
                periode=periode,
                konfirmasi_melebihi=True,  # shown on the preview, confirmed there
            )
        except BerkasTidakValid as exc:
            form.add_error("berkas", exc.pesan)
        else:
            kesalahan = rencana.kesalahan
            if not kesalahan and not rencana.perubahan:
                messages.info(request, "Tidak ada perubahan dalam berkas; tidak ada yang disimpan.")
                return redirect(_url_isi(organisasi, unit_kerja, tahun, periode))
            if not kesalahan:
                kunci = {"unit": unit_kerja.pk, "tahun": tahun, "periode": periode.value}
                token = _simpan_sementara(request, isi, terbaca, nama_sumber(unggahan.name), kunci)
                return redirect(
                    "kinerja:impor-pratinjau",
                    organisasi.slug,
                    unit_kerja.slug,
                    tahun,
                    periode.value,
                    token,
                )
    return render(
        request,
        "kinerja/impor_unggah.html",
        {
            "organisasi": organisasi,
            "unit_kerja": unit_kerja,
            "tahun": tahun,
            "periode": periode,
            "form": form,
            "kesalahan": kesalahan,
            "url_isi": _url_isi(organisasi, unit_kerja, tahun, periode),
        },
        status=400 if form.errors or kesalahan else 200,
    )


@login_required
def impor_pratinjau(
    request: HttpRequest, org: str, unit: str, tahun: int, periode: str, token: str
) -> HttpResponse:
    """Every change the upload makes (old → new, new capaian and category); saved only on
    confirmation, after checking the stored file again."""
    organisasi, unit_kerja, periode = get_unit_periode_for_user(request.user, org, unit, periode)
    wajib(boleh_mengisi(request.user, unit_kerja))
    kunci = {"unit": unit_kerja.pk, "tahun": tahun, "periode": periode.value}
    tertunda = _tertunda(request, token, kunci)
    url_isi = _url_isi(organisasi, unit_kerja, tahun, periode)
    if request.method == "POST" and "batal" in request.POST:
        _buang(request, token)
        messages.info(request, "Impor dibatalkan; tidak ada yang disimpan.")
        return redirect(url_isi)
    # Whose values, where: the same for reading the plan and for saving it.
    lingkup = {
        "organisasi": organisasi,
        "tahun": tahun,
        "pengguna": request.user,
        "unit_kerja": unit_kerja,
        "periode": periode,
    }
    try:
        rencana = rencana_impor(berkas=_terbaca(tertunda), konfirmasi_melebihi=True, **lingkup)
    except BerkasTidakValid as exc:
        _buang(request, token)
        tampilkan_ditolak(request, exc)
        return redirect("kinerja:impor", organisasi.slug, unit_kerja.slug, tahun, periode.value)
    kesalahan = rencana.kesalahan
    form = KonfirmasiImporForm(
        request.POST if request.method == "POST" else None,
        perlu_konfirmasi=bool(rencana.melebihi),
    )
    # A POST that saves nothing (a bad file, an unchecked confirmation, a refusal) is a 400.
    status = 400 if kesalahan or request.method == "POST" else 200
    if request.method == "POST" and not kesalahan and form.is_valid():
        konfirmasi = form.cleaned_data.get("konfirmasi_melebihi", False)
        kesalahan = _simpan_impor(request, token, tertunda, lingkup, konfirmasi)
        if not kesalahan:
            return redirect(url_isi)
    return render(
        request,
        "kinerja/impor_pratinjau.html",
        {
            "organisasi": organisasi,
            "unit_kerja": unit_kerja,
            "tahun": tahun,
            "periode": periode,
            "rencana": rencana,
            "kesalahan": kesalahan,
            "form": form,
            "nama_berkas": tertunda["nama"],
            "url_isi": url_isi,
        },
        status=status,
    )


def _simpan_impor(
    request: HttpRequest,
    token: str,
    tertunda: dict,
    lingkup: dict[str, Any],
    konfirmasi_melebihi: bool,
) -> list[str]:
    """Save the confirmed upload, read again from private storage; the refusals, if any."""
    with penyimpanan_pribadi().open(tertunda["berkas"], "rb") as berkas:
        isi = berkas.read()
    try:
        hasil = realisasi_impor(
            isi=isi,
            nama_berkas=tertunda["nama"],
            konfirmasi_melebihi=konfirmasi_melebihi,
            **lingkup,
        )
    except Ditolak as exc:
        return pesan_ditolak(exc)
    _buang(request, token)
    messages.success(
        request,
        f"Impor dari {tertunda['nama']}: {hasil.simpan.dibuat} nilai baru, "
        f"{hasil.simpan.diubah} nilai diubah. Ajukan untuk diverifikasi bila sudah benar.",
    )
    return []
