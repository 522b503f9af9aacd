"""Answers suggested from the reference year's data, with the figures behind them."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from evaluasi.models import KriteriaLke
from evaluasi.saran import saran_semua
from evaluasi.selectors import lembar_kerja
from laporan.models import LaporanFinal, LaporanKinerja
from tests.lke import buka


def test_it_suggests_the_agreements_are_set_on_time(org):
    saran = saran_semua(org, 2024)["perjanjian_ditetapkan"]
    assert (saran.terpenuhi, saran.jawaban("YT")) == (Decimal(1), "Y")
    assert saran.rincian[:3] == (
        "5 dari 5 perjanjian ditandatangani, 5 tepat waktu.",
        "Batas penetapan: 31 Januari 2024 (satu bulan setelah awal tahun anggaran).",
        "KPU Kabupaten Bengkulu Utara: ditandatangani 3 Januari 2024, tepat waktu.",
    )


def test_it_suggests_no_for_medium_term_targets_and_names_the_indicators_without(org):
    saran = saran_semua(org, 2024)["target_jangka_menengah"]
    assert saran.jawaban("YT") == "T"
    assert saran.rincian[0] == (
        "Rencana Strategis KPU Kabupaten Bengkulu Utara Tahun 2020-2024: 35 dari 41 indikator "
        "memiliki target untuk setiap tahun 2020–2024."
    )
    assert "Tanpa target lengkap: Persentase Pelaksanaan Pemungutan dan Penghitungan Suara" in (
        saran.rincian
    )


def test_it_counts_quarters_with_verified_realisasi(org):
    # The reference year holds the yearly values the LAKIP prints, no quarterly ones.
    saran = saran_semua(org, 2024)["pengukuran_berkala"]
    assert (saran.jawaban("YT"), saran.jawaban("ABCDE")) == ("T", "E")
    assert saran.rincian[:2] == (
        "0 dari 4 triwulan terukur lengkap dan terverifikasi.",
        "Triwulan I: 0 dari 39 realisasi indikator terverifikasi.",
    )


def _final(org, waktu: datetime) -> None:
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    LaporanFinal.objects.create(
        laporan=laporan,
        versi=1,
        berkas="lakip/final/uji.pdf",
        sha256="a" * 64,
        sidik_html="b" * 64,
        ukuran=1,
        difinalkan_pada=timezone.make_aware(waktu),
    )


@pytest.mark.parametrize(
    ("waktu", "jawaban", "kalimat"),
    [
        (datetime(2025, 1, 17, 10), "Y", "Difinalkan pertama kali 17 Januari 2025: tepat waktu."),
        (datetime(2025, 4, 2, 10), "T", "Difinalkan pertama kali 2 April 2025: terlambat 2 hari."),
    ],
)
def test_it_suggests_whether_the_lakip_was_delivered_by_31_march(org, waktu, jawaban, kalimat):
    assert saran_semua(org, 2024)["laporan_tepat_waktu"].rincian[0] == (
        "LAKIP 2024 belum difinalkan."
    )
    _final(org, waktu)
    saran = saran_semua(org, 2024)
    assert saran["laporan_tepat_waktu"].jawaban("YT") == jawaban
    assert saran["laporan_tepat_waktu"].rincian == (
        "Batas penyampaian: 31 Maret 2025 (Perpres 29/2014).",
        kalimat,
    )
    assert saran["laporan_difinalkan"].jawaban("YT") == "Y"


def test_it_maps_each_suggestion_to_its_criteria_and_prefills_the_worksheet(client, org, admin_org):
    peta = dict(KriteriaLke.objects.exclude(saran="").values_list("kode", "saran"))
    assert peta == {
        "1.a.3": "target_jangka_menengah",
        "1.a.4": "perjanjian_ditetapkan",
        "1.b.1": "perjanjian_ditetapkan",
        "1.b.10": "perjanjian_ditetapkan",
        "1.c.4": "pengukuran_berkala",
        "2.b.4": "pengukuran_berkala",
        "3.a.1": "laporan_difinalkan",
        "3.a.3": "laporan_difinalkan",
        "3.a.6": "laporan_tepat_waktu",
    }
    evaluasi = buka(org, admin_org)
    baris = {
        b.kriteria.kode: b
        for k in lembar_kerja(evaluasi).komponen
        for s in k.sub
        for b in s.kriteria
    }
    assert (baris["1.a.4"].saran_jawaban, baris["2.b.4"].saran_jawaban) == ("Y", "E")
    client.force_login(admin_org)
    respons = client.get("/evaluasi/kpu-bengkulu-utara/2024/")
    form = next(
        b.form
        for k in respons.context["lembar"].komponen
        for s in k.sub
        for b in s.kriteria
        if b.kriteria.kode == "1.a.4"
    )
    assert form.initial["jawaban"] == "Y"
    assert form.initial["penjelasan"].startswith("5 dari 5 perjanjian ditandatangani")
    assert "Saran dari data: <strong>Y</strong>" in respons.content.decode()
