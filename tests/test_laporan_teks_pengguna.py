"""Text a user types is printed as typed in the LAKIP, whatever it looks like: nothing in a
kendala, a tindak lanjut or a narrative can form a numbering placeholder."""

import io

import pypdf
import pytest
from django.template import engines
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.models import Realisasi
from laporan.models import LaporanFinal, LaporanKinerja
from laporan.penomoran import beri_nomor

pytestmark = pytest.mark.django_db

URL = "/laporan/kpu-bengkulu-utara/2024/"

# What the numbering pass used to take for its own tokens, and what it uses now.
KENDALA = "Kendala ⟦x⟧ ⟦daftar-isi⟧"
TINDAK_LANJUT = 'Lihat ⟦tabel-ringkasan⟧ <span data-nomor="tabel-ringkasan"></span>'
PENGANTAR = 'Pengantar ⟦daftar-tabel⟧ ⟦gambar-bagan⟧ <div data-daftar="isi"></div> ⟦⟧ ⟦'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _isi_teks(org, *, status=None):
    baris = Realisasi.objects.filter(indikator__kode="s6-pencalonan", tahun=2024)
    if status is not None:
        baris.update(status=status)
    baris.update(kendala=KENDALA, tindak_lanjut=TINDAK_LANJUT)
    laporan, _ = LaporanKinerja.objects.get_or_create(organisasi=org, tahun=2024)
    laporan.kata_pengantar = PENGANTAR
    laporan.save()


def _teks_pdf(isi: bytes) -> str:
    """The PDF's text without any whitespace: a table cell wraps lines where it likes."""
    teks = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(isi)).pages)
    return "".join(teks.split())


def _rapat(teks: str) -> str:
    return "".join(teks.split())


def _periksa_html(html: str) -> None:
    for teks in (KENDALA, TINDAK_LANJUT, PENGANTAR):
        assert escape(teks) in html
    # One table of contents, where the template put it, and nothing injected.
    assert html.count('class="daftar daftar-isi"') == 1
    assert html.count('class="daftar daftar-tabel"') == 1


def test_it_prints_token_looking_text_verbatim_in_the_report_and_its_pdf(
    client, admin_org, org, media
):
    _isi_teks(org)
    client.force_login(admin_org)
    response = client.get(URL)
    assert response.status_code == 200
    _periksa_html(response.content.decode())

    unduh = client.get(URL + "pdf/")
    assert unduh.status_code == 200
    teks = _teks_pdf(unduh.content)
    for t in (KENDALA, TINDAK_LANJUT, PENGANTAR):
        assert _rapat(t) in teks


def test_it_shows_the_preview_with_unverified_token_looking_text(client, admin_org, org):
    _isi_teks(org, status=Realisasi.Status.DIAJUKAN)
    client.force_login(admin_org)
    response = client.get(URL + "?pratinjau=1")
    assert response.status_code == 200
    _periksa_html(response.content.decode())


def test_it_finalises_a_report_with_token_looking_text(client, admin_org, org, media):
    _isi_teks(org)
    client.force_login(admin_org)
    # The reference year has indicators without their cause: finalising asks a reason.
    alasan = {"alasan_tanpa_analisis": "Analisis disusulkan."}
    assert client.post(URL + "finalkan/", alasan).status_code == 302
    final = LaporanFinal.objects.get(laporan__organisasi=org, laporan__tahun=2024)
    assert final.berlaku
    with final.berkas.open("rb") as f:
        assert _rapat(KENDALA) in _teks_pdf(f.read())


_DOKUMEN = engines["django"].from_string(
    '{% load lakip %}<h1 id="a" data-toc="A">A</h1><div data-daftar="isi"></div>'
    '<p class="keterangan" id="tabel-a">Tabel {% no "tabel-a" %}: {{ teks }}</p>'
    '<p>{{ teks }}</p>{{ teks|narasi }}<p>Lihat Tabel {% no "tabel-a" %}.</p>'
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_it_keeps_any_typed_text_as_typed(teks):
    html = beri_nomor(_DOKUMEN.render({"teks": teks}))
    assert f"<p>{escape(teks)}</p>" in html
    assert "Lihat Tabel&nbsp;1." in html
    assert html.count('class="daftar daftar-isi"') == 1
