"""Beranda: what each person has to do now. It reads kinerja and anggaran alike."""

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from anggaran.selectors import realisasi_anggaran
from evaluasi.selectors import evaluasi_selesai_terakhir, rekomendasi_terbuka
from kinerja.capaian import capaian_per_sasaran, skala_renstra, tabel_capaian
from kinerja.models import Periode, SkalaPenilaian
from kinerja.realisasi.periode import periode_terbuka, status_periode, tahun_berjalan
from kinerja.realisasi.selectors import (
    formulir_realisasi,
    menunggu_verifikasi,
    progres_unit,
    realisasi_dikembalikan,
)
from kinerja.realisasi.views import url_formulir
from organisasi.akses import is_admin, is_pimpinan
from organisasi.models import Organisasi, Pengguna
from organisasi.tahun import TahunConverter


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """What each person has to do now: enter, verify, or follow every unit's progress."""
    user: Pengguna = request.user
    organisasi = Organisasi.objects.filter(pk=user.organisasi_id).first()
    konteks: dict = {"organisasi": organisasi}
    if organisasi is None:
        return render(request, "beranda/beranda.html", konteks)
    tahun = _tahun_get(request) or tahun_berjalan(organisasi=organisasi)
    konteks["tahun"] = tahun
    if tahun is None:
        return render(request, "beranda/beranda.html", konteks)
    unit = user.unit_kerja if user.peran in (Pengguna.Peran.STAF, Pengguna.Peran.KEPALA) else None
    status = status_periode(organisasi=organisasi, tahun=tahun, unit_kerja=unit)
    periode = _periode_get(request) or periode_terbuka(status)
    konteks.update(status=status, periode=periode)
    if unit is not None and periode is not None:
        formulir = formulir_realisasi(
            organisasi=organisasi, unit_kerja=unit, tahun=tahun, periode=periode
        )
        konteks.update(
            formulir=formulir,
            url_formulir=url_formulir(formulir),
            belum_diisi=[b for b in formulir.baris if b.realisasi is None],
            dikembalikan=realisasi_dikembalikan(unit_kerja=unit, tahun=tahun),
        )
    rekomendasi = rekomendasi_terbuka(organisasi=organisasi)
    if unit is not None:
        rekomendasi = [r for r in rekomendasi if r.penanggung_jawab_id in (None, unit.pk)]
    konteks["rekomendasi"] = rekomendasi
    if user.peran == Pengguna.Peran.KEPALA and unit is not None:
        konteks["menunggu"] = menunggu_verifikasi(organisasi=organisasi, unit_kerja=unit)
    if is_admin(user) or is_pimpinan(user):
        konteks["menunggu"] = menunggu_verifikasi(organisasi=organisasi)
        konteks["lke"] = evaluasi_selesai_terakhir(organisasi=organisasi, tahun=tahun)
        if periode is not None:
            konteks["progres"] = progres_unit(organisasi=organisasi, tahun=tahun, periode=periode)
        tabel = tabel_capaian(organisasi=organisasi, tahun=tahun)
        konteks["capaian_sasaran"] = capaian_per_sasaran(tabel)
        konteks["anggaran"] = realisasi_anggaran(
            organisasi=organisasi,
            tahun=tahun,
            skala=skala_renstra(tabel.renstra, SkalaPenilaian.Jenis.ANGGARAN),
        )
    return render(request, "beranda/beranda.html", konteks)


def _tahun_get(request: HttpRequest) -> int | None:
    teks = request.GET.get("tahun", "")
    return int(teks) if re.fullmatch(TahunConverter.regex, teks) else None


def _periode_get(request: HttpRequest) -> Periode | None:
    teks = request.GET.get("periode", "")
    return Periode(teks) if teks in Periode.values else None
