"""Corrections are flagged: where the source document printed another figure, the report
prints the computed one with a note naming the printed one (data: fixtures' angka_tercetak)."""

import io
import re

import pypdf
import pytest

from inti.pdf import html_ke_pdf
from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip
from organisasi.models import Organisasi

pytestmark = pytest.mark.django_db

CATATAN = "dihitung ulang dari data; angka tercetak sebelumnya"


def _rata(teks: str) -> str:
    return re.sub(r"\s+", " ", teks.replace("\u00a0", " ")).replace("\u2010 ", "").strip()


@pytest.fixture(scope="module")
def html(django_db_setup, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        org = Organisasi.objects.get(slug="kpu-bengkulu-utara")
        return susun_dokumen(data_lakip(organisasi=org, tahun=2024)).html


@pytest.fixture(scope="module")
def teks_html(html) -> str:
    return _rata(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def teks_pdf(html) -> str:
    pdf = html_ke_pdf(html)
    return _rata("\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


KOREKSI = [
    "91,26 % " + CATATAN + " 91,57 %",
    "97,30 % " + CATATAN + " 97,16 %",
    "16,00 " + CATATAN + " 14,00",
    "21,45 " + CATATAN + " 23,45",
    "10 (sepuluh) indikator berkategori Cukup Berhasil",
    CATATAN + " jumlah indikator Cukup Berhasil: 11",
]


@pytest.mark.parametrize("potongan", KOREKSI)
def test_it_flags_each_correction_in_the_html(teks_html, potongan):
    assert potongan in teks_html


@pytest.mark.parametrize("potongan", KOREKSI)
def test_it_flags_each_correction_in_the_pdf(teks_pdf, potongan):
    assert potongan in teks_pdf


def test_it_gives_no_note_to_a_figure_that_agrees(teks_html):
    # Printed 33,25 and 70,70 in the same row, as we compute them.
    assert "33,25 70,70" in teks_html
    assert CATATAN + " 33,25" not in teks_html
    assert CATATAN + " 70,70" not in teks_html
    # Two program figures, two SAKIP totals, and the count sentence printed twice (Ringkasan
    # Eksekutif and BAB III B).
    assert teks_html.count(CATATAN) == 4 + 2
