"""Journey: the entry form keeps what is typed. Leaving it with changes not yet saved asks
first (and leaving it untouched does not); Ajukan saves the typing, then submits it. A draft
value is deleted, and its history page says that it was, by whom and when."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.e2e.peramban import ORG, keluar, masuk, periksa, tampak

pytestmark = pytest.mark.e2e

BMN = "Persentase BMN yang dikelola sesuai dengan peraturan perundang-undangan"
TI = "Sarana Bidang Teknologi dan Informasi"
STAF = "Staf Keuangan, Umum dan Logistik"


def _formulir(periode: str) -> str:
    return f"/kinerja/{ORG}/keuangan/2024/{periode}/"


def _kartu(page: Page, indikator: str):
    return page.locator("section.card").filter(
        has=page.get_by_role("heading", name=indikator, exact=True)
    )


def _ketik(page: Page, indikator: str, teks: str) -> None:
    # Typed with the keyboard, as a person would: Chromium asks before leaving only a page
    # the user has interacted with.
    medan = _kartu(page, indikator).get_by_label("Realisasi (%)")
    medan.click()
    medan.press_sequentially(teks)


def test_it_asks_before_leaving_typed_values_and_saves_them_before_submitting(peramban, server):
    staf = masuk(peramban, server.url, "staf-keuangan")
    dialog: list[str] = []

    def tolak(d: Dialog) -> None:
        dialog.append(d.type)
        d.dismiss()

    staf.on("dialog", tolak)

    # Untouched, the form is left without a question.
    staf.goto(server(_formulir("tw3")))
    staf.get_by_role("link", name="Triwulan II", exact=True).click()
    expect(staf).to_have_url(server(_formulir("tw2")))
    assert dialog == []

    # Typed but not saved: leaving asks, and staying keeps the typing.
    staf.goto(server(_formulir("tw3")))
    _ketik(staf, BMN, "91,5")
    with staf.expect_event("dialog") as ditanya:
        staf.get_by_role("link", name="Triwulan II", exact=True).click()
    assert ditanya.value.type == "beforeunload"
    expect(staf).to_have_url(server(_formulir("tw3")))
    expect(_kartu(staf, BMN).get_by_label("Realisasi (%)")).to_have_value("91,5")
    assert dialog == ["beforeunload"]
    periksa(staf)

    # Ajukan is not leaving: what was typed is saved, then submitted, with no question.
    staf.get_by_role("button", name="Simpan dan ajukan untuk diverifikasi").click()
    tampak(staf, "Tersimpan: 1 nilai baru, 0 nilai diubah, 0 bukti dukung.")
    tampak(staf, "1 nilai diajukan untuk diverifikasi.")
    assert dialog == ["beforeunload"]
    bmn = _kartu(staf, BMN)
    tampak(bmn, "Tersimpan: 91,5 %")
    expect(bmn.locator(".badge", has_text="Diajukan")).to_be_visible()
    periksa(staf)
    keluar(staf)


def test_it_deletes_a_draft_and_shows_who_deleted_it_when(peramban, server):
    staf = masuk(peramban, server.url, "staf-keuangan")
    staf.goto(server(_formulir("tw1")))
    _ketik(staf, TI, "88")
    staf.get_by_role("button", name="Simpan", exact=True).click()
    tampak(staf, "Tersimpan: 1 nilai baru, 0 nilai diubah, 0 bukti dukung.")

    _kartu(staf, TI).get_by_role("link", name="Hapus nilai").click()
    expect(staf.get_by_role("heading", name="Hapus nilai realisasi")).to_be_visible()
    tampak(staf, "Penghapusan dicatat pada riwayat")
    periksa(staf)
    staf.get_by_role("button", name="Hapus nilai").click()

    expect(staf.get_by_role("heading", name="Riwayat realisasi")).to_be_visible()
    tampak(staf, f"Nilai {TI} Triwulan I 2024 dihapus.")
    baris = staf.get_by_role("row").filter(has_text="Draf dihapus")
    expect(baris).to_have_count(1)
    expect(baris).to_contain_text("Dihapus")
    expect(baris).to_contain_text(STAF)
    hari_ini = datetime.now(ZoneInfo("Asia/Jakarta")).strftime("%d-%m-%Y")
    expect(baris).to_contain_text(re.compile(rf"{hari_ini} \d\d:\d\d:\d\d"))
    expect(baris).to_contain_text("88")
    periksa(staf, "riwayat-dihapus")

    # Back on the form the row is empty again, ready for a new value.
    staf.get_by_role("link", name="Kembali ke formulir").click()
    expect(_kartu(staf, TI).get_by_label("Realisasi (%)")).to_have_value("")
    tampak(staf, "0 dari 12 indikator terisi")
    keluar(staf)
