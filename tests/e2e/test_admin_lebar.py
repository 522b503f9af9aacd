"""The Django admin on a 1366 px laptop: every change list a superuser opens fits the screen."""

import re

import pytest
from playwright.sync_api import Browser

from tests.e2e.peramban import masuk

pytestmark = pytest.mark.e2e

LEBAR_LAPTOP = 1366
_UKUR = """() => {
  const tabel = document.querySelector('#result_list');
  const kotak = document.querySelector('#changelist .results');
  return {halaman: document.documentElement.scrollWidth,
          tabel: tabel ? tabel.scrollWidth : 0, kotak: kotak ? kotak.clientWidth : 0};
}"""


def test_it_fits_every_change_list_in_a_laptop_screen(peramban: Browser, server) -> None:
    admin = masuk(peramban, server.url, "admin")
    admin.set_viewport_size({"width": LEBAR_LAPTOP, "height": 800})
    admin.goto(server("/admin/"))
    daftar = sorted(
        {
            href
            for a in admin.locator("#content-main a").all()
            if (href := a.get_attribute("href")) and re.fullmatch(r"/admin/\w+/\w+/", href)
        }
    )
    assert len(daftar) > 30, daftar
    terlalu_lebar = {}
    for alamat in daftar:
        admin.goto(server(alamat))
        ukuran = admin.evaluate(_UKUR)
        if ukuran["halaman"] > LEBAR_LAPTOP or ukuran["tabel"] > ukuran["kotak"] + 1:
            terlalu_lebar[alamat] = ukuran
    assert terlalu_lebar == {}
