"""Generated sentences, number words and the numbering pass: plain functions."""

import pytest

from laporan.kalimat import jumlah, kalimat_kesimpulan, kalimat_ringkasan, terbilang
from laporan.penomoran import DAFTAR_TABEL, PenomoranGagal, beri_nomor, token


@pytest.mark.parametrize(
    ("n", "teks"),
    [
        (0, "nol"),
        (9, "sembilan"),
        (11, "sebelas"),
        (15, "lima belas"),
        (35, "tiga puluh lima"),
        (100, "seratus"),
        (1680, "seribu enam ratus delapan puluh"),
        (2024, "dua ribu dua puluh empat"),
        (1_000_000, "satu juta"),
    ],
)
def test_it_writes_numbers_in_words(n, teks):
    assert terbilang(n) == teks


def test_it_counts_categories_in_the_summary_sentence():
    teks = kalimat_ringkasan(
        tahun=2024,
        jumlah_sasaran=9,
        ringkasan={
            "Sangat Berhasil": 0,
            "Berhasil": 23,
            "Cukup Berhasil": 10,
            "Kurang Berhasil": 1,
            "Tidak Berhasil": 0,
            "Belum ada realisasi": 1,
        },
        singkatan="KPU X",
    )
    assert jumlah(35) in teks
    assert "23 (dua puluh tiga) indikator berkategori Berhasil" in teks
    assert "Tidak Berhasil" not in teks


@pytest.mark.parametrize(
    ("tercapai", "terukur", "belum", "putusan"),
    [
        (3, 3, 0, "telah tercapai sesuai target"),
        (2, 2, 1, "telah tercapai pada indikator yang terukur"),
        (3, 4, 0, "sebagian besar tercapai"),
        (1, 8, 0, "belum tercapai sepenuhnya"),
        (0, 0, 1, "belum dapat diukur"),
    ],
)
def test_it_concludes_a_sasaran_from_its_categories(tercapai, terukur, belum, putusan):
    teks = kalimat_kesimpulan(
        nomor=1, nama_sasaran="S", tahun=2024, tercapai=tercapai, terukur=terukur, belum=belum
    )
    assert putusan in teks


def test_it_numbers_tables_in_document_order_and_fills_references():
    a, b, x = token("tabel-a"), token("tabel-b"), token("gambar-x")
    html = (
        f'<p>Lihat Tabel {b} dan Tabel {a}.</p>{DAFTAR_TABEL}<div class="utama">'
        f'<p class="keterangan" id="tabel-a">Tabel {a}: Pertama</p>'
        f'<figure id="gambar-x"><figcaption class="keterangan">Gambar {x}: G</figcaption>'
        f'</figure><p class="keterangan" id="tabel-b">Tabel {b}: Kedua</p></div>'
    )
    hasil = beri_nomor(html)
    # Word and number joined by a no-break space: a caption never wraps to a lone digit.
    assert "Lihat Tabel&nbsp;2 dan Tabel&nbsp;1." in hasil
    assert "Gambar&nbsp;1: G" in hasil
    assert '<a href="#tabel-a">Tabel 1: Pertama</a>' in hasil
    assert hasil.index("Tabel 1: Pertama</a>") < hasil.index("Tabel 2: Kedua</a>")


def test_it_refuses_a_reference_to_a_missing_table():
    with pytest.raises(PenomoranGagal):
        beri_nomor(f"<p>Tabel {token('tabel-hilang')}</p>")
