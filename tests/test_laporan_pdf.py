"""The reference year's LAKIP as a real PDF (WeasyPrint), read back with pypdf.

Rendered once for the module; every figure asserted is the engine's, from the 2024 data.
"""

import io
import re

import pypdf
import pytest

from inti.pdf import html_ke_pdf
from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip
from organisasi.models import Organisasi

# Marked so that pytest-django sets up the test database for the module-scoped fixture too.
pytestmark = pytest.mark.django_db

KOREKSI = "dihitung ulang dari data; angka tercetak sebelumnya"
KEPALA = "LAKIP KPU Kabupaten Bengkulu Utara Tahun 2024"


def _rata(teks: str) -> str:
    """Whitespace collapsed, words hyphenated at a line end (U+2010) joined again."""
    return re.sub(r"\s+", " ", teks.replace("\u00a0", " ")).replace("\u2010 ", "").strip()


@pytest.fixture(scope="module")
def halaman(django_db_setup, django_db_blocker) -> list[str]:
    """The text of every page of the reference year's PDF."""
    with django_db_blocker.unblock():
        org = Organisasi.objects.get(slug="kpu-bengkulu-utara")
        pdf = html_ke_pdf(susun_dokumen(data_lakip(organisasi=org, tahun=2024)).html)
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def teks(halaman) -> str:
    return _rata("\n".join(halaman))


@pytest.fixture(scope="module")
def label(halaman) -> dict[str, str]:
    """Printed page number (the footer, last line of the page's text) → page text."""
    hasil = {}
    for isi in halaman[1:]:
        baris = isi.strip().splitlines()
        hasil[baris[-1].strip()] = _rata(isi)
    return hasil


def test_it_numbers_front_matter_in_roman_and_the_body_from_bab_i(halaman, label):
    assert "KATA PENGANTAR" in halaman[1]
    assert halaman[1].strip().splitlines()[-1] == "i"
    assert "BAB I PENDAHULUAN" in label["1"]
    assert "ii" in label and "iii" in label
    # The cover has neither header nor number; every other page has the running header.
    assert KEPALA not in halaman[0]
    assert all(KEPALA in isi for isi in halaman[1:])


@pytest.mark.parametrize(
    "baris",
    [
        "Penyusunan Program, Kegiatan, dan Anggaran KPU, Pengelolaan Revisi Anggaran, "
        "Kajian/Analisa, Prosedur dan Mekanisme Penganggaran 100 % 96,7 % 96,70 % ▲ Berhasil",
        "Persentase Kegiatan pencalonan 100 % 67,13 % 67,13 % ▼ Kurang Berhasil",
        "Persentase Kegiatan Kampanye 100 % 88,24 % 88,24 % ◆ Cukup Berhasil",
        "Akuntabilitas kinerja KPU Kabupaten Bengkulu Utara berpredikat BB BB BB 100,00 % "
        "▲ Berhasil",
        "Nilai evaluasi atas pelaksanaan reformasi birokrasi 80 – – ○ Belum ada realisasi",
        "Pengadaan dan Pendistribusian Perlengkapan Pemungutan dan Penghitungan Suara "
        "100 % 73,1 % 73,10 % ◆ Cukup Berhasil",
    ],
)
def test_it_prints_capaian_and_category_of_indicators(teks, baris):
    assert baris in teks


def test_it_counts_the_categories_from_the_data(teks):
    assert (
        "dengan 35 (tiga puluh lima) indikator kinerja, terdapat 23 (dua puluh tiga) indikator "
        "berkategori Berhasil, 10 (sepuluh) indikator berkategori Cukup Berhasil, 1 (satu) "
        "indikator berkategori Kurang Berhasil dan 1 (satu) indikator belum ada realisasinya."
    ) in teks


def test_it_prints_budget_absorption_per_program_and_in_total(teks):
    # The source printed 91,57 % and 97,16 %: the computed figure carries a note.
    assert f"54.559.031.000 49.792.963.636 91,26 % {KOREKSI} 91,57 % Cukup Efektif" in teks
    assert f"2.928.042.000 2.848.973.746 97,30 % {KOREKSI} 97,16 % Cukup Efektif" in teks
    assert "Jumlah 57.487.073.000 52.641.937.382 91,57 % Cukup Efektif" in teks


def test_it_prints_the_sakip_column_totals_and_predikat(teks):
    assert (
        f"Nilai Akuntabilitas Kinerja 100 16,00 {KOREKSI} 14,00 "
        f"21,45 {KOREKSI} 23,45 33,25 70,70 Predikat BB"
    ) in teks
    assert "LHE Nomor 140/PW.02-LP/10/2024" in teks


def test_it_prints_staff_total_and_logistics_without_shortfall(teks):
    assert "Jumlah 24 orang" in teks
    assert "dari 13 jenis logistik, tidak ada yang kurang atau rusak" in teks
    assert "13 Daftar pasangan calon buah 503 503 503 0 0 0,00 %" in teks


def test_it_compares_with_the_previous_year_only_where_data_exists(teks):
    ada = {
        int(n)
        for n in re.findall(
            r"Tabel \d+: Realisasi Tahun 2023–2024, Sasaran Strategis (\d)",
            teks,
        )
    }
    assert ada == {2, 3, 4, 7, 8, 9}


def _daftar(halaman: list[str], dari: str, sampai: str) -> list[tuple[str, str]]:
    """Entries (text, printed page) of a list whose pages run from heading `dari` to `sampai`."""
    mulai = next(i for i, isi in enumerate(halaman) if dari in isi)
    akhir = next(i for i, isi in enumerate(halaman) if sampai in isi and i >= mulai)
    bagian = []
    for isi in halaman[mulai : akhir + 1]:
        baris = isi.strip().splitlines()[:-2]  # header and page number
        bagian.extend(baris)
    teks = _rata(" ".join(bagian))
    teks = teks.split(dari, 1)[1].split(sampai, 1)[0]
    return [(_rata(t), n) for t, n in re.findall(r"(.+?)\s?\.{2,}\s*([ivxl]+|\d+)", teks)]


def test_it_gives_true_page_numbers_in_the_daftar_isi(halaman, label):
    entri = _daftar(halaman, "DAFTAR ISI", "DAFTAR TABEL")
    assert len(entri) > 30
    for judul, nomor in entri:
        if judul.startswith("Lampiran "):
            dicari = re.sub(r"\s*\d{4}$", "", judul.split(": ", 1)[1]).upper()
        elif re.match(r"(?:[A-H]|\d+)\. ", judul):
            dicari = judul  # sub-headings print as listed
        else:
            dicari = judul.upper()  # front matter, BAB and LAMPIRAN headings print in capitals
        assert dicari in label[nomor], f"{judul!r} is not on page {nomor}"


def test_it_gives_true_page_numbers_in_the_daftar_tabel(halaman, label):
    entri = _daftar(halaman, "DAFTAR TABEL", "DAFTAR GAMBAR")
    nomor_tabel = [int(re.match(r"Tabel (\d+):", judul)[1]) for judul, _ in entri]
    assert nomor_tabel == list(range(1, len(entri) + 1))
    for judul, halaman_ke in entri:
        assert judul[:45] in label[halaman_ke], f"{judul!r} is not on page {halaman_ke}"


def test_it_refers_to_tables_and_figures_by_their_number(teks):
    nomor = re.search(r"Tabel (\d+): Capaian Kinerja Tahun 2024", teks)[1]
    assert f"seluruh indikator kinerja tahun 2024 disajikan pada Tabel {nomor}" in teks
    gambar = re.search(r"Gambar (\d+): Rata-rata Capaian per Sasaran", teks)[1]
    assert f"rata-rata capaian tiap sasaran terhadap targetnya pada Gambar {gambar}" in teks


def test_it_attaches_each_agreement_of_the_year_and_the_rkt(teks):
    for judul in (
        "PERUBAHAN PERJANJIAN KINERJA SEKRETARIS KOMISI PEMILIHAN UMUM KABUPATEN BENGKULU UTARA",
        "PERJANJIAN KINERJA KEPALA SUB BAGIAN KEUANGAN, UMUM DAN LOGISTIK",
        "PERJANJIAN KINERJA KEPALA SUB BAGIAN PARMAS DAN SDM",
        "RENCANA KINERJA TAHUNAN",
    ):
        assert judul in teks
    assert "NIP. 196810011989031005" in teks
