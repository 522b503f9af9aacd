"""Nothing invented: the reference year's amendment prints no date, so it is stored without one
and every document says "tanggal tidak tercantum"; the dated agreements keep their date."""

import json
import re

import pytest

from kinerja.models import PerjanjianKinerja
from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip

pytestmark = pytest.mark.django_db

TIDAK = "tanggal tidak tercantum"


def _teks(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " "))


def test_it_stores_the_amendment_without_a_date_and_freezes_it_as_null(org):
    v2 = PerjanjianKinerja.objects.get(organisasi=org, unit_kerja=None, tahun=2024, versi=2)
    v1 = PerjanjianKinerja.objects.get(organisasi=org, unit_kerja=None, tahun=2024, versi=1)
    assert v2.tanggal is None
    assert json.loads(v2.isi_beku)["tanggal"] is None
    assert json.loads(v1.isi_beku)["tanggal"] == "2024-01-03"


def test_it_prints_the_amendment_date_as_unknown_in_the_lakip(org):
    teks = _teks(susun_dokumen(data_lakip(organisasi=org, tahun=2024)).html)
    assert f"Perubahan Perjanjian Kinerja tahun 2024 (versi 2) ({TIDAK}) antara" in teks
    assert f"Arga Makmur, {TIDAK}" in teks
    assert "3 Maret 2024" not in teks
    # The unit agreements signed on 3 January keep their printed date.
    assert "Arga Makmur, 3 Januari 2024" in teks


def test_it_prints_the_original_agreement_beside_the_amendment_in_the_lampiran(org):
    d = data_lakip(organisasi=org, tahun=2024)
    organisasi_sendiri = [
        (dok.perjanjian.versi, dok.perjanjian.tanggal)
        for dok in d.semua_perjanjian
        if dok.perjanjian.unit_kerja_id is None
    ]
    # The original as signed on 3 Januari 2024, then the amendment the year was measured by.
    assert [v for v, _ in organisasi_sendiri] == [1, 2]
    assert str(organisasi_sendiri[0][1]) == "2024-01-03"
    assert organisasi_sendiri[1][1] is None
    html = susun_dokumen(d).html
    judul = re.findall(r'data-toc="(Lampiran \d+: [^"]+)"', html)
    assert judul[:2] == [
        "Lampiran 1: Perjanjian Kinerja Sekretaris Komisi Pemilihan Umum Kabupaten Bengkulu "
        "Utara Tahun 2024",
        "Lampiran 2: Perubahan Perjanjian Kinerja Sekretaris Komisi Pemilihan Umum Kabupaten "
        "Bengkulu Utara Tahun 2024",
    ]
