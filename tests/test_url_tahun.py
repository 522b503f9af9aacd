"""Every URL with a year refuses years outside 2000-2100 with 404, before any view runs."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from organisasi.tahun import TahunConverter

pytestmark = pytest.mark.django_db

CONTOH = {
    "slug": "kpu-bengkulu-utara",
    "org": "kpu-bengkulu-utara",
    "unit": "keuangan",
    "periode": "tw1",
    "tabel": "capaian",
    "token": "abc",
    "pk": "1",
    "item": "1",
    "kunci": "0" * 32,
    "kode": "ik-1",
}


def _rute_bertahun(patterns=None, awalan=""):
    """(route, pattern) for every URL pattern that takes a `tahun`."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        rute = awalan + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _rute_bertahun(p.url_patterns, rute)
        elif isinstance(p, URLPattern) and "tahun" in p.pattern.converters:
            yield rute, p


RUTE = sorted(rute for rute, _ in _rute_bertahun())


def _url(rute: str, tahun: str) -> str:
    def ganti(m):
        nama = m.group(2)
        return tahun if nama == "tahun" else CONTOH[nama]

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", ganti, rute)


def test_it_finds_every_url_with_a_year():
    # the list below is built from the URLconf, so a new year URL is covered automatically
    assert len(RUTE) >= 15
    assert "laporan/<slug:slug>/<tahun:tahun>/narasi/" in RUTE
    assert "perjanjian/<slug:org>/<tahun:tahun>/" in RUTE


def test_it_uses_the_year_converter_in_every_url_with_a_year():
    for rute, pattern in _rute_bertahun():
        assert isinstance(pattern.pattern.converters["tahun"], TahunConverter), rute


@pytest.mark.parametrize("tahun", ["0", "1999", "2101", "99999", "1" * 30])
@pytest.mark.parametrize("rute", RUTE)
def test_it_answers_404_for_a_year_out_of_range(client, admin_org, rute, tahun):
    client.force_login(admin_org)
    url = _url(rute, tahun)
    assert client.get(url).status_code == 404, url
    assert client.post(url).status_code == 404, url


def test_it_still_serves_the_reference_year(client, admin_org):
    client.force_login(admin_org)
    assert client.get("/laporan/kpu-bengkulu-utara/2024/").status_code == 200
    assert client.get("/perjanjian/kpu-bengkulu-utara/2024/").status_code == 200
    assert client.get("/kinerja/kpu-bengkulu-utara/keuangan/2024/tw1/").status_code == 200


@pytest.mark.parametrize(("teks", "angka"), [("2000", 2000), ("2024", 2024), ("2100", 2100)])
def test_it_converts_years_in_range(teks, angka):
    assert TahunConverter().to_python(teks) == angka
    assert TahunConverter().to_url(angka) == teks
