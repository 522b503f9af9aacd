"""Capaian categories look different from each other wherever they appear: a colour by the
engine's category constant, the name always written, a symbol for readers who cannot tell the
colours apart, and a legend; the report's PDF reads the same stylesheet."""

from decimal import Decimal

import pytest

from inti.capaian import SKALA_CAPAIAN_BAKU, Kategori, Rentang, kategori_menurut_urutan
from kinerja.models import RentangPenilaian, SkalaPenilaian
from laporan.dokumen import css_dokumen
from tests.isian import url

pytestmark = pytest.mark.django_db

LAKIP = "/laporan/kpu-bengkulu-utara/2024/"
SIMBOL = '<span class="kat-simbol" aria-hidden="true">'
KURANG_BERHASIL = (
    f'<span class="badge kategori-capaian kat-kb">{SIMBOL}▼</span> Kurang Berhasil</span>'
)


def _baris(html: str, nama: str) -> str:
    """The table row of an indicator, up to its end."""
    awal = html.index(f"<td>{nama}</td>")
    return html[awal : html.index("</tr>", awal)]


def test_it_marks_pencalonan_at_67_13_as_kurang_berhasil_on_the_report(client, admin_org):
    client.force_login(admin_org)
    html = client.get(LAKIP).content.decode()
    baris = _baris(html, "Persentase Kegiatan pencalonan")
    assert "67,13\u00a0%" in baris
    assert KURANG_BERHASIL in baris
    # A category above it looks different: Kampanye at 88,24 % is Cukup Berhasil.
    kampanye = _baris(html, "Persentase Kegiatan Kampanye")
    assert 'class="badge kategori-capaian kat-cb"' in kampanye
    assert "◆</span> Cukup Berhasil" in kampanye
    # The report's scale table is the legend: every category in its own colour.
    for kelas in ("kat-sb", "kat-b", "kat-cb", "kat-kb", "kat-tb"):
        assert f'class="badge kategori-capaian {kelas}"' in html
    assert "text-bg-primary" not in html


def test_it_marks_an_indicator_without_verified_realisasi(client, admin_org):
    from kinerja.models import Realisasi

    Realisasi.objects.filter(indikator__kode="s6-pencalonan", tahun=2024).update(
        status=Realisasi.Status.DIAJUKAN
    )
    client.force_login(admin_org)
    baris = _baris(client.get(LAKIP).content.decode(), "Persentase Kegiatan pencalonan")
    belum = f'<span class="badge kategori-capaian kat-belum">{SIMBOL}○</span>'
    assert f"{belum} Belum ada realisasi</span>" in baris


def test_it_colours_by_the_bands_place_when_the_renstra_renames_it(client, admin_org, org):
    skala = SkalaPenilaian.objects.get(renstra__organisasi=org, jenis=SkalaPenilaian.Jenis.CAPAIAN)
    RentangPenilaian.objects.filter(skala=skala, nama="Kurang Berhasil").update(nama="Kurang")
    client.force_login(admin_org)
    baris = _baris(client.get(LAKIP).content.decode(), "Persentase Kegiatan pencalonan")
    assert 'class="badge kategori-capaian kat-kb"' in baris and "▼</span> Kurang</span>" in baris


def test_it_shows_the_badge_and_legend_on_the_entry_form(client, org, kepala_teknis):
    client.force_login(kepala_teknis)
    html = client.get(url(unit="teknis", periode="tahunan")).content.decode()
    assert KURANG_BERHASIL in html
    legenda = html[html.index('<p class="legenda-kategori') :]
    legenda = legenda[: legenda.index("</p>")]
    for nama in (
        "Sangat Berhasil",
        "Berhasil",
        "Cukup Berhasil",
        "Kurang Berhasil",
        "Tidak Berhasil",
        "Belum ada realisasi",
    ):
        assert f"</span> {nama}</span>" in legenda


def test_it_tints_the_beranda_bars_by_category(client, pimpinan):
    client.force_login(pimpinan)
    html = client.get("/?tahun=2024&periode=tw1").content.decode()
    svg = html[html.index('aria-labelledby="grafik-capaian-judul"') :]
    svg = svg[: svg.index("</svg>")]
    # Sasaran 1 at 90,89 % is Berhasil: its bar has the tint, its label the symbol and name.
    assert 'class="batang-kategori kat-b"' in svg
    assert "90,89\u00a0% · ▲ Berhasil</tspan>" in svg


def test_it_gives_the_pdf_the_same_category_stylesheet():
    css = css_dokumen()
    assert ".kat-kb {" in css and ".kategori-capaian {" in css


def test_it_maps_bands_to_categories_by_their_place():
    assert [r.kategori for r in kategori_menurut_urutan(SKALA_CAPAIAN_BAKU)] == list(Kategori)
    # Three bands, given in any order: the best, the middle one, the catch-all.
    tiga = kategori_menurut_urutan(
        (
            Rentang("Rendah", None, True),
            Rentang("Tinggi", Decimal(90), False),
            Rentang("Sedang", Decimal(60), True),
        )
    )
    assert [(r.nama, r.kategori) for r in tiga] == [
        ("Rendah", Kategori.TIDAK_BERHASIL),
        ("Tinggi", Kategori.SANGAT_BERHASIL),
        ("Sedang", Kategori.CUKUP_BERHASIL),
    ]
