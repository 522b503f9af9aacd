"""The LAKIP's print quality and how it is reached: total rows once, no
hyphenation, captions that never wrap before their number, the document face embedded,
the logo on the cover and the kop, signatures aligned, cross-references, the chart, the menu.

The PDF is rendered once for the module, from the reference year.
"""

import io
import re

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from inti.pdf import html_ke_pdf
from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip
from organisasi.models import Organisasi

pytestmark = pytest.mark.django_db

# A 1x1 transparent PNG: enough for an <img> and a data: URI.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def dokumen(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        org = Organisasi.objects.get(slug="kpu-bengkulu-utara")
        return susun_dokumen(data_lakip(organisasi=org, tahun=2024))


@pytest.fixture(scope="module")
def pdf(dokumen) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(html_ke_pdf(dokumen.html)))


@pytest.fixture(scope="module")
def halaman(pdf) -> list[str]:
    return [p.extract_text() for p in pdf.pages]


def _rata(teks: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", teks).replace("&nbsp;", " ")).strip()


def test_it_prints_every_total_row_exactly_once(dokumen, halaman):
    # The total rows the document holds (tfoot of the report and of the agreements)...
    baris = [
        _rata(tr)
        for tfoot in re.findall(r"<tfoot>(.*?)</tfoot>", dokumen.isi, re.S)
        for tr in re.findall(r"<tr>(.*?)</tr>", tfoot, re.S)
    ]
    assert len(baris) > 15 and "Jumlah 24 orang" in baris
    teks = _rata(" ".join(halaman))
    # ...each printed as often as it is in the document, not again at every page break
    # (WeasyPrint repeats a table-footer-group: "Jumlah 45.894.767.000" under five rows).
    # Longest first, each removed once counted: a row that begins another is not counted twice.
    for b in sorted(set(baris), key=len, reverse=True):
        assert teks.count(b) == baris.count(b), b
        teks = teks.replace(b, "")


def test_it_never_hyphenates(halaman):
    # WeasyPrint writes an automatic hyphen as U+2010 ("STRA‐ TEGIS", "REALISA‐ SI").
    assert not [p for p in halaman if "\u2010" in p]


def test_it_keeps_table_and_figure_numbers_with_their_word(dokumen, halaman):
    assert not re.search(r"\b(Tabel|Gambar) \d", dokumen.isi.split('<div class="utama">')[1])
    assert not [p for p in halaman if re.search(r"\b(Tabel|Gambar)\n\d", p)]


def test_it_embeds_the_document_face(pdf):
    tertanam = set()
    for p in pdf.pages:
        for font in p["/Resources"]["/Font"].values():
            font = font.get_object()
            for turunan in font.get("/DescendantFonts", [font]):
                deskriptor = turunan.get_object()["/FontDescriptor"]
                if "/FontFile2" in deskriptor:
                    tertanam.add(str(turunan.get_object()["/BaseFont"]).split("+")[-1])
    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Sans-Bold"} <= tertanam


def test_it_aligns_signature_names_with_or_without_a_nip(dokumen):
    # Every signature block has its NIP line, empty for an official without one (the Ketua).
    assert dokumen.isi.count('class="ttd-nama"') == dokumen.isi.count('class="ttd-nip"') > 2
    assert '<div class="ttd-nip"></div>' in dokumen.isi


def test_it_refers_to_the_evidence_tables_from_their_sasaran(dokumen):
    isi = dokumen.isi

    def nomor(kunci: str) -> str:
        return re.search(rf'id="{kunci}">Tabel&nbsp;(\d+)', isi)[1]

    def sasaran(n: int) -> str:
        return isi[isi.index(f'id="bab-3-c-{n}"') : isi.index(f'id="bab-3-c-{n + 1}"')]

    assert f"(lihat Tabel&nbsp;{nomor('tabel-sakip')})" in sasaran(4)
    assert f"(lihat Tabel&nbsp;{nomor('tabel-produk-hukum')})" in sasaran(7)
    assert f"(lihat Tabel&nbsp;{nomor('tabel-logistik-1')})" in sasaran(8)
    assert isi.count("(lihat Tabel") == 3


def test_it_draws_the_target_as_a_line_and_names_each_sasaran(dokumen):
    svg = dokumen.data.grafik_capaian
    # One bar per sasaran (and the legend's key): no constant "target 100 %" bars.
    assert svg.count("<rect") == 9 + 1
    assert ">Target 100,00\u00a0%</tspan>" in svg and 'stroke-dasharray="4 2"' in svg
    assert ">4. Meningkatnya akuntabilitas</tspan>" in svg
    # All nine average 85-100 %: the axis starts at 80 % and says so.
    assert "Sumbu terpotong: dimulai pada 80\u00a0%, bukan 0" in svg
    assert min(int(u) for u in re.findall(r'font-size="(\d+)"', svg)) >= 11


def test_it_puts_the_uploaded_logo_on_the_cover_and_the_kop(org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org.logo.save("logo.png", ContentFile(PNG))
    isi = susun_dokumen(data_lakip(organisasi=org, tahun=2024)).isi
    assert re.search(r'<img class="sampul-logo" src="data:image/png;base64,', isi)
    # The kop of a document printed from now on (signed agreements keep the kop they were
    # signed with: their organisation is a snapshot).
    kop = render_to_string("dokumen/_kop_surat.html", {"organisasi": org})
    assert f'<img class="kop-logo" src="{org.logo.url}"' in kop


@pytest.mark.parametrize("orang", ["admin_org", "pimpinan", "kepala_keuangan", "staf_keuangan"])
def test_it_links_the_lakip_from_the_main_menu_for_every_member(client, request, orang):
    client.force_login(request.getfixturevalue(orang))
    assert 'href="/laporan/">LAKIP</a>' in client.get("/").content.decode()
    response = client.get("/laporan/")
    assert response.status_code == 302
    assert response["Location"] == "/laporan/kpu-bengkulu-utara/2024/"
    assert client.get(response["Location"]).status_code == 200


def test_it_shows_no_lakip_link_to_a_user_without_an_organisation(client, django_user_model):
    user = django_user_model.objects.create_user("tanpa-org", password="x-Sandi-123456")
    client.force_login(user)
    assert 'href="/laporan/"' not in client.get("/").content.decode()
    assert client.get("/laporan/").status_code == 404
