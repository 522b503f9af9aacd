"""A strict Content-Security-Policy on every response, and pages that satisfy it.

The browser journeys (make e2e) also fail on any CSP violation Chromium reports; this test
reads the HTML of the pages of every role for what the policy would refuse.
"""

from html.parser import HTMLParser

import pytest

from kinerja.models import PerjanjianKinerja
from organisasi.models import Pengguna

pytestmark = pytest.mark.django_db

ORG = "kpu-bengkulu-utara"


class _Pelanggaran(HTMLParser):
    """What `script-src 'self'; style-src 'self'` refuses: inline scripts and handlers,
    javascript: links, <style> elements and style attributes."""

    def __init__(self):
        super().__init__()
        self.temuan: list[str] = []
        self._dalam_skrip = False

    def handle_starttag(self, tag, attrs):
        atribut = dict(attrs)
        if tag == "script" and not atribut.get("src") and atribut.get("type") != "application/json":
            self.temuan.append("<script> tanpa src")
        if tag == "style":
            self.temuan.append("<style>")
        for nama, nilai in attrs:
            if nama.startswith("on") or nama == "style":
                self.temuan.append(f"<{tag} {nama}={nilai!r}>")
            if nama in {"href", "src", "action"} and (nilai or "").lower().startswith(
                "javascript:"
            ):
                self.temuan.append(f"<{tag} {nama}={nilai!r}>")

    handle_startendtag = handle_starttag


def _pelanggaran(html: str) -> list[str]:
    parser = _Pelanggaran()
    parser.feed(html)
    return parser.temuan


def _kebijakan(respons) -> dict[str, str]:
    kebijakan = respons["Content-Security-Policy"]
    return dict(
        (bagian.strip().split(" ", 1) + [""])[:2] for bagian in kebijakan.split(";") if bagian
    )


def test_it_sends_a_strict_policy(client):
    kebijakan = _kebijakan(client.get("/akun/login/"))
    assert kebijakan["default-src"] == "'self'"
    assert kebijakan["script-src"] == "'self'"
    assert kebijakan["style-src"] == "'self'"
    assert kebijakan["img-src"] == "'self' data:"
    assert kebijakan["object-src"] == "'none'"
    assert kebijakan["frame-ancestors"] == "'none'"
    assert "unsafe" not in client.get("/akun/login/")["Content-Security-Policy"]


def test_it_sends_the_policy_on_errors_and_downloads_too(client, admin_org):
    assert "Content-Security-Policy" in client.get("/tidak-ada/")
    client.force_login(admin_org)
    respons = client.get(f"/laporan/{ORG}/2024/xlsx/")
    assert respons.status_code == 200
    assert "script-src 'self'" in respons["Content-Security-Policy"]


@pytest.fixture
def super_admin(org) -> Pengguna:
    return Pengguna.objects.create_superuser(
        username="super-uji", password="x-sandi-uji-1", organisasi=org
    )


def test_it_has_nothing_inline_on_the_pages_of_every_role(
    client, admin_org, pimpinan, staf_keuangan, kepala_keuangan, draf_keuangan, super_admin
):
    ditandatangani = PerjanjianKinerja.objects.filter(organisasi__slug=ORG, tahun=2024).first()
    halaman = {
        None: ["/akun/login/", "/tidak-ada/", f"/verifikasi/{ditandatangani.kode_verifikasi}/"],
        staf_keuangan: [
            "/",
            f"/kinerja/{ORG}/keuangan/2024/tw1/",
            f"/kinerja/{ORG}/keuangan/2024/tw1/impor/",
            "/akun/password_change/",
        ],
        kepala_keuangan: ["/", f"/kinerja/{ORG}/keuangan/2024/tw4/verifikasi/"],
        pimpinan: ["/?tahun=2024&periode=tw4", f"/laporan/{ORG}/2024/?pratinjau=1"],
        admin_org: [
            f"/perjanjian/{ORG}/2024/",
            f"/perjanjian/{ORG}/2025/",
            f"/perjanjian/{draf_keuangan.pk}/",
            f"/perjanjian/{draf_keuangan.pk}/ubah/",
            f"/perjanjian/{ditandatangani.pk}/",
            f"/perjanjian/{ditandatangani.pk}/dokumen/",
            f"/perjanjian/{ORG}/2024/rkt/",
            f"/laporan/{ORG}/2024/",
            f"/laporan/{ORG}/2024/narasi/",
        ],
        super_admin: [
            "/admin/",
            "/admin/kinerja/perjanjiankinerja/",
            f"/admin/kinerja/perjanjiankinerja/{ditandatangani.pk}/change/",
            "/admin/kinerja/realisasi/",
            "/admin/kinerja/targetkinerja/import/",
            "/admin/kinerja/targetkinerja/export/",
            "/admin/organisasi/pengguna/add/",
        ],
    }
    temuan = {}
    for pengguna, daftar in halaman.items():
        client.logout()
        if pengguna is not None:
            client.force_login(pengguna)
        for url in daftar:
            respons = client.get(url)
            assert respons.status_code in {200, 404}, (url, respons.status_code)
            if masalah := _pelanggaran(respons.content.decode()):
                temuan[url] = masalah
    assert temuan == {}
