"""The report's narrative texts stay attached to their place: each section's opening where the
section opens, each paragraph that introduces a table or figure right before it (in place of
the generated "... disajikan pada Tabel n"), the visi and misi before what the office wrote
after them, no introduction printed twice, no sentence left broken."""

import html
import re

import pytest

from laporan.dokumen import susun_dokumen
from laporan.konsistensi import periksa_konsistensi
from laporan.models import LaporanKinerja
from laporan.selectors import NARASI_PILIHAN, data_lakip
from laporan.templatetags.lakip import narasi

pytestmark = pytest.mark.django_db

# Each introducing text and the element it introduces (a caption's or a figure's start).
PENGANTAR = {
    "pengantar_tabel_tugas": '<p class="keterangan" id="tabel-tugas">',
    "pengantar_bagan": '<figure class="gambar" id="gambar-bagan">',
    "pengantar_tabel_subbagian": '<p class="keterangan" id="tabel-unit">',
    "pengantar_tabel_pegawai": '<p class="keterangan" id="tabel-pegawai">',
    "pengantar_tabel_tujuan": '<p class="keterangan" id="tabel-tujuan">',
    "pengantar_tabel_renstra": '<p class="keterangan" id="tabel-renstra">',
    "pengantar_tabel_perjanjian": '<p class="keterangan" id="tabel-pk">',
    "pengantar_tabel_skala": '<p class="keterangan" id="tabel-skala">',
    "pengantar_realisasi_anggaran": '<p class="keterangan" id="tabel-realisasi">',
}
# The generated introductions those texts replace.
PENGANTAR_BAKU = (
    "Uraian tugas, fungsi dan wewenang disajikan pada Tabel",
    "Bagan struktur organisasi disajikan pada Gambar",
    "Uraian tugas tiap subbagian disajikan pada Tabel",
    "Jumlah pegawai tahun 2024, seluruhnya 24 orang, disajikan pada Tabel",
    "Tujuan dan sasaran Rencana Strategis disajikan pada Tabel",
    "dan target jangka menengahnya tahun 2020–2024 disajikan pada Tabel",
    "Klasifikasi penilaian capaian yang digunakan disajikan pada Tabel",
    "Realisasi anggaran per program disajikan pada Tabel",
)


def _isi(org) -> str:
    return susun_dokumen(data_lakip(organisasi=org, tahun=2024)).isi


def _teks(potongan: str) -> str:
    teks = html.unescape(re.sub(r"<[^>]+>", " ", potongan)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", teks)


def _bagian(isi: str, dari: str, sampai: str) -> str:
    return isi[isi.index(f'id="{dari}"') : isi.index(f'id="{sampai}"')]


def test_it_prints_the_visi_and_misi_before_what_the_office_wrote_after_them(org):
    teks = _teks(_bagian(_isi(org), "bab-2-a", "bab-2-b"))
    visi = teks.index("Menjadi Penyelenggara Pemilu Serentak Yang Profesional")
    misi_terakhir = teks.index("Melaksanakan pemutahiran data pemilih")
    setelah = teks.index("Untuk mencapai visi dan misi tersebut")
    tabel_tujuan = teks.index("Tujuan dan Sasaran Rencana Strategis")
    assert teks.index("berkewajiban mewujudkan visi KPU RI") < visi
    assert visi < misi_terakhir < setelah < tabel_tujuan


def test_it_prints_each_introduction_once_right_before_what_it_introduces(org):
    isi = _isi(org)
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    for nama, sasaran in PENGANTAR.items():
        paragraf = str(narasi(getattr(laporan, nama)))
        assert paragraf, nama
        assert isi.count(paragraf) == 1, nama
        assert re.search(re.escape(paragraf) + r"\s*" + re.escape(sasaran), isi), nama
    teks = _teks(isi)
    for baku in PENGANTAR_BAKU:
        assert baku not in teks
    # The agreement in force is named once, without pointing at the table the office's own
    # sentence introduces next.
    assert "35 indikator kinerja pada 9 sasaran strategis. Dokumen lengkapnya" in teks


def test_it_states_the_count_of_indicators_once_in_the_ringkasan(org):
    data = data_lakip(organisasi=org, tahun=2024)
    isi = susun_dokumen(data).isi
    ringkasan = _bagian(isi, "depan-ringkasan-eksekutif", "depan-daftar-isi")
    assert ringkasan.count(data.kalimat_ringkasan) == 1
    assert _bagian(isi, "bab-3-b", "bab-3-c").count(data.kalimat_ringkasan) == 1


def test_it_keeps_the_budget_sentence_of_bab_ii_c_whole(org):
    teks = _teks(_bagian(_isi(org), "bab-2-c", "bab-3"))
    assert (
        "mendapatkan alokasi anggaran terdiri dari sumber APBN dan APBD dalam rangka "
        "menyelenggarakan pilkada serentak tahun 2024. Pagu anggaran tahun 2024 seluruhnya "
        "Rp57.487.073.000 untuk 2 program"
    ) in teks
    assert "penyerapan anggaran. (" not in teks
    # Every paragraph of the section ends as a sentence does.
    paragraf = re.findall(r"<p>(.*?)</p>", _bagian(_isi(org), "bab-2-c", "tabel-pagu"), re.S)
    assert paragraf and all(_teks(p).strip()[-1] in ".:" for p in paragraf)


def test_it_describes_every_bab_in_the_sistematika(org):
    sistematika = _bagian(_isi(org), "bab-1-d", "bab-2")
    for bab in (
        "BAB I: PENDAHULUAN",
        "BAB II: PERENCANAAN DAN PERJANJIAN KINERJA",
        "BAB III: AKUNTABILITAS KINERJA",
        "BAB IV: PENUTUP",
    ):
        uraian = re.search(re.escape(bab) + r"<br>([^<]*)</p>", sistematika)
        assert uraian and len(uraian[1].split()) > 10, bab
    assert "simpulan umum atas capaian kinerja" in sistematika


def test_it_introduces_each_table_with_its_number_where_no_text_does(org):
    LaporanKinerja.objects.filter(organisasi=org, tahun=2024).update(
        **{nama: "" for nama in PENGANTAR}
    )
    teks = _teks(_isi(org))
    for baku in PENGANTAR_BAKU:
        assert teks.count(baku) == 1, baku
    assert "sasaran strategis (Tabel 7). Dokumen lengkapnya" in teks


def test_it_asks_for_no_optional_introduction_in_the_panel(org):
    LaporanKinerja.objects.filter(organisasi=org, tahun=2024).update(
        **{nama: "" for nama in NARASI_PILIHAN}
    )
    panel = {
        t.judul: t.rincian for t in periksa_konsistensi(data_lakip(organisasi=org, tahun=2024))
    }
    assert panel["Narasi yang masih kosong"] == [
        "Analisis sasaran 1",
        "Analisis sasaran 3",
        "Analisis sasaran 9",
    ]


def test_it_introduces_each_table_once_on_the_default_texts(org):
    LaporanKinerja.objects.filter(organisasi=org, tahun=2024).delete()
    teks = _teks(_isi(org))
    pengantar = "Bengkulu Utara diuraikan sebagai berikut: Tabel 2: Uraian Tugas"
    assert teks.count(pengantar) == 1
    assert "Uraian tugas, fungsi dan wewenang disajikan pada Tabel" not in teks
    assert "dengan klasifikasi penilaian berikut: Tabel 9: Klasifikasi" in teks
    assert "Klasifikasi penilaian capaian yang digunakan disajikan pada Tabel" not in teks
    assert "sasaran strategis (Tabel" not in teks
    assert teks.count("Bagan struktur organisasi disajikan pada Gambar 1.") == 1
