"""Cross-references from a sasaran's analysis to the recap table that evidences it (BAB III
D-F) follow the data: the sasaran's tabel_bukti, loaded for the reference year."""

import re

import pytest

from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip
from renstra.models import SasaranStrategis

pytestmark = pytest.mark.django_db


def _isi(org) -> str:
    return susun_dokumen(data_lakip(organisasi=org, tahun=2024)).isi


def _sasaran(isi: str, n: int) -> str:
    akhir = f'id="bab-3-c-{n + 1}"' if n < 9 else 'id="bab-3-d"'
    return isi[isi.index(f'id="bab-3-c-{n}"') : isi.index(akhir)]


def _nomor(isi: str, kunci: str) -> str:
    return re.search(rf'id="{kunci}">Tabel&nbsp;(\d+)', isi)[1]


def test_it_loads_the_evidence_table_of_sasaran_4_7_and_8(org):
    bukti = dict(
        SasaranStrategis.objects.filter(renstra__organisasi=org)
        .exclude(tabel_bukti="")
        .values_list("nomor", "tabel_bukti")
    )
    assert bukti == {4: "evaluasi_akuntabilitas", 7: "produk_hukum", 8: "logistik"}


def test_it_moves_the_cross_reference_with_the_sasaran_s_evidence_table(org):
    sasaran = SasaranStrategis.objects.filter(renstra__organisasi=org)
    sasaran.filter(nomor=4).update(tabel_bukti="")
    sasaran.filter(nomor=9).update(tabel_bukti="evaluasi_akuntabilitas")
    sasaran.filter(nomor=7).update(tabel_bukti="logistik")
    sasaran.filter(nomor=8).update(tabel_bukti="produk_hukum")
    isi = _isi(org)
    sakip = f"bagian D (lihat Tabel&nbsp;{_nomor(isi, 'tabel-sakip')})"
    assert sakip not in _sasaran(isi, 4)
    assert sakip in _sasaran(isi, 9)
    assert f"(lihat Tabel&nbsp;{_nomor(isi, 'tabel-logistik-1')})" in _sasaran(isi, 7)
    assert f"(lihat Tabel&nbsp;{_nomor(isi, 'tabel-produk-hukum')})" in _sasaran(isi, 8)
    assert isi.count("(lihat Tabel") == 3


def test_it_refers_to_nothing_when_no_sasaran_names_a_table(org):
    SasaranStrategis.objects.filter(renstra__organisasi=org).update(tabel_bukti="")
    assert "(lihat Tabel" not in _isi(org)
