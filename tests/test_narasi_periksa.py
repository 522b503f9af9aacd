"""The consistency panel points at years and legal citations in the typed narratives that
contradict the report's year or each other (rules in inti/periksa_narasi.py)."""

import pytest

from inti.periksa_narasi import periksa_rujukan, periksa_tahun
from laporan.konsistensi import periksa_konsistensi
from laporan.models import LaporanKinerja
from laporan.narasi_periksa import JUDUL_RUJUKAN, JUDUL_TAHUN
from laporan.selectors import data_lakip


def _temuan(org) -> dict:
    return {t.judul: t for t in periksa_konsistensi(data_lakip(organisasi=org, tahun=2024))}


@pytest.mark.django_db
def test_it_finds_the_reference_letter_dated_a_year_before_its_number(org):
    # Kata Pengantar: letter "95 / PR.03-SD/01/2025" dated "8 Januari 2024" (probably 2025).
    t = _temuan(org)[JUDUL_TAHUN]
    assert not t.berat
    assert t.rincian == [
        "Kata pengantar: …omisi Pemilihan Umum Republik Indonesia Nomor 95 / PR.03-SD/01/2025 "
        "tanggal 8 Januari 2024 tentang Laporan Tahunan Tahun 2024. Lap… (surat bernomor "
        "tahun 2025 bertanggal 8 Januari 2024 (tahun 2024))"
    ]


@pytest.mark.django_db
def test_it_finds_the_reference_laws_cited_two_ways(org):
    # Latar belakang cites UU 7/2017 and PKPU 14/2020; Kedudukan, the introduction of the
    # duties table and Struktur organisasi cite UU 17/2017 and Peraturan KPU 14/2021.
    t = _temuan(org)[JUDUL_RUJUKAN]
    assert t.rincian == [
        "Undang-undang: Nomor 7 Tahun 2017 (latar belakang); "
        "Nomor 17 Tahun 2017 (kedudukan, tugas dan fungsi); "
        "Nomor 17 Tahun 2017 (pengantar tabel uraian tugas, fungsi dan wewenang)",
        "Peraturan Komisi Pemilihan Umum Republik Indonesia: Nomor 14 Tahun 2020 (latar "
        "belakang); Nomor 14 Tahun 2021 (pengantar tabel uraian tugas, fungsi dan wewenang); "
        "Nomor 14 Tahun 2021 (struktur organisasi)",
    ]


@pytest.mark.django_db
def test_it_finds_last_years_report_name_left_in_a_narrative(org):
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    laporan.latar_belakang = "Laporan Kinerja KPU Kabupaten Bengkulu Utara Tahun 2023 ini ..."
    laporan.save(update_fields=["latar_belakang"])
    rincian = _temuan(org)[JUDUL_TAHUN].rincian
    assert rincian[1] == (
        "Latar belakang: Laporan Kinerja KPU Kabupaten Bengkulu Utara Tahun 2023 ini ... "
        "(menyebut tahun 2023 untuk laporan tahun 2024)"
    )


@pytest.mark.parametrize(
    ("teks", "alasan"),
    [
        ("Laporan Kinerja Tahun 2023 ini", ["menyebut tahun 2023 untuk laporan tahun 2024"]),
        ("realisasi Tahun Anggaran 2023", ["menyebut tahun 2023 untuk laporan tahun 2024"]),
        ("target tahun 2027 ditetapkan", ["tahun 2027 belum terjadi pada laporan tahun 2024"]),
        (
            "Nomor 12/PP.01/2024, tanggal 3 Februari 2023",
            ["surat bernomor tahun 2024 bertanggal 3 Februari 2023 (tahun 2023)"],
        ),
        # What a 2024 report legitimately says: none flagged.
        ("Laporan Kinerja KPU Kabupaten Bengkulu Utara Tahun 2024", []),
        ("Nomor 95/PR.03-SD/01/2025 tanggal 8 Januari 2025", []),
        ("Renstra Tahun 2025-2029 disusun", []),
        ("Laporan Kinerja menurut Peraturan Presiden Nomor 29 Tahun 2014", []),
        ("dibanding capaian tahun 2023 dan Renstra 2020-2024", []),
    ],
)
def test_it_applies_the_year_rules(teks, alasan):
    assert [j.alasan for j in periksa_tahun(teks, 2024)] == alasan


def test_it_leaves_different_regulations_and_repeated_citations_alone():
    teks = {
        "A": "Peraturan Presiden Nomor 29 Tahun 2014 dan UU Nomor 7 Tahun 2017",
        "B": "Perpres Nomor 29 Tahun 2014; Peraturan Menteri PANRB Nomor 53 Tahun 2014",
    }
    assert periksa_rujukan(teks) == []
    teks["C"] = "Perpres Nomor 12 Tahun 2014"
    assert [(r.jenis, r.sebutan) for r in periksa_rujukan(teks)] == [
        (
            "Peraturan Presiden",
            [
                ("Nomor 29 Tahun 2014", "A"),
                ("Nomor 29 Tahun 2014", "B"),
                ("Nomor 12 Tahun 2014", "C"),
            ],
        )
    ]


URL_NARASI = "/laporan/kpu-bengkulu-utara/2024/narasi/"


@pytest.mark.django_db
def test_it_shows_the_length_and_a_preview_of_each_narrative(client, admin_org, org):
    client.force_login(admin_org)
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    html = client.get(URL_NARASI).content.decode()
    panjang = len(laporan.kata_pengantar)
    assert panjang > 1000
    assert f'data-panjang-untuk="id_kata_pengantar" aria-live="polite">{panjang // 1000}.' in html
    assert "<p>Segala puji dan syukur kita panjatkan" in html  # rendered as a paragraph
    assert 'src="/static/js/narasi.js"' in html


@pytest.mark.django_db
def test_it_previews_typed_text_without_saving_it(client, admin_org, org):
    client.force_login(admin_org)
    form = client.get(URL_NARASI).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data["tanggal"] = "2025-01-17"
    data["rencana_tindak_lanjut"] = "Paragraf satu.\r\n\r\na. butir pertama\r\nb. butir kedua"
    data["pratinjau"] = "1"
    respons = client.post(URL_NARASI, data)
    assert respons.status_code == 200
    html = respons.content.decode()
    assert '<p>Paragraf satu.</p><ul class="butir">' in html
    assert 'id="id_rencana_tindak_lanjut"' in html
    assert '"id_rencana_tindak_lanjut" aria-live="polite">47 karakter' in html
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    assert "butir pertama" not in laporan.rencana_tindak_lanjut
