"""Journey 1: a staff member enters TW IV realisasi with evidence and submits them; their
head returns one with a comment; it is corrected and submitted again; the head verifies.
And a staff member of another unit cannot reach that form by typing its address."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.peramban import (
    ORG,
    keluar,
    konteks,
    masuk,
    pdf_minimal,
    periksa,
    simpan_gambar,
    tampak,
)

pytestmark = pytest.mark.e2e

FORMULIR = f"/kinerja/{ORG}/keuangan/2024/tw4/"
BMN = "Persentase BMN yang dikelola sesuai dengan peraturan perundang-undangan"
TI = "Sarana Bidang Teknologi dan Informasi"


def _kartu(page: Page, indikator: str):
    return page.locator("section.card").filter(
        has=page.get_by_role("heading", name=indikator, exact=True)
    )


def _simpan(page: Page) -> None:
    page.get_by_role("button", name="Simpan", exact=True).click()


def test_it_takes_a_quarter_from_entry_through_return_to_verification(peramban, server):
    # The login page, as a newcomer first sees it.
    halaman = konteks(peramban, viewport={"width": 1280, "height": 720}).new_page()
    halaman.goto(server("/akun/login/"))
    simpan_gambar(halaman, "masuk", seluruh=False)
    halaman.context.close()

    staf = masuk(peramban, server.url, "staf-keuangan")
    # The whole reference year is open (make setup): TW IV, whose quarter ended last, comes
    # first on Beranda, not TW I; the other open periods are links below it.
    tampak(staf, "12 dari 12 indikator belum punya nilai Triwulan IV.")
    expect(staf.get_by_text("Periode lain yang masih terbuka")).to_be_visible()
    periksa(staf, "beranda-staf")

    # The entry form of TW IV, straight from Beranda.
    staf.get_by_role("link", name="Buka formulir Triwulan IV").click()
    expect(staf).to_have_url(server(FORMULIR))
    expect(staf.get_by_role("heading", name="Realisasi Triwulan IV 2024")).to_be_visible()
    periksa(staf)

    # A value in words: the error names the row, and nothing is saved.
    bmn = _kartu(staf, BMN)
    bmn.get_by_label("Realisasi (%)").fill("sembilan puluh")
    _simpan(staf)
    expect(staf.get_by_role("alert").filter(has_text="Tidak ada yang disimpan")).to_be_visible()
    expect(_kartu(staf, BMN).locator(".invalid-feedback")).to_be_visible()
    tampak(staf, "0 dari 12 indikator terisi")
    expect(_kartu(staf, BMN).get_by_text("Tersimpan:")).to_have_count(0)
    periksa(staf)

    # The value as people type it: saved, with its capaian and category.
    bmn = _kartu(staf, BMN)
    bmn.get_by_label("Realisasi (%)").fill("96,7")
    bmn.get_by_label("Kendala").fill("Sebagian aset tersebar di PPK dan PPS.")
    _kartu(staf, TI).get_by_label("Realisasi (%)").fill("88")
    _simpan(staf)
    tampak(staf, "Tersimpan: 2 nilai baru, 0 nilai diubah, 0 bukti dukung.")
    bmn = _kartu(staf, BMN)
    tampak(bmn, "Tersimpan: 96,7 %")
    tampak(bmn, "Capaian 96,70 %")
    expect(bmn.locator(".badge", has_text="Berhasil")).to_be_visible()
    expect(_kartu(staf, TI).locator(".badge", has_text="Cukup Berhasil")).to_be_visible()
    staf.evaluate("window.scrollTo(0, 0)")
    periksa(staf, "isian-triwulan", seluruh=False)

    # Evidence: a real PDF file.
    _kartu(staf, BMN).get_by_label(re.compile("Bukti dukung")).set_input_files(
        {
            "name": "kib-bmn-2024.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_minimal("Kartu Inventaris Barang 2024"),
        }
    )
    _simpan(staf)
    tampak(staf, "Tersimpan: 0 nilai baru, 0 nilai diubah, 1 bukti dukung.")
    expect(_kartu(staf, BMN).get_by_role("link", name="kib-bmn-2024.pdf")).to_be_visible()

    staf.get_by_role("button", name="Ajukan 2 nilai untuk diverifikasi").click()
    tampak(staf, "2 nilai diajukan untuk diverifikasi.")
    keluar(staf)

    # The head sees the submission on Beranda and returns one value with a comment.
    kepala = masuk(peramban, server.url, "kasubbag-keuangan")
    tugas = kepala.locator(".tugas-verifikasi").filter(has_text="2 nilai menunggu verifikasi Anda")
    tautan = tugas.get_by_role("link", name="Verifikasi", exact=True)
    expect(tautan).to_be_in_viewport()
    periksa(kepala, "beranda-kepala")
    tautan.click()
    expect(kepala.get_by_role("heading", name="Verifikasi Triwulan IV 2024")).to_be_visible()
    expect(kepala.get_by_role("link", name="kib-bmn-2024.pdf")).to_be_visible()
    periksa(kepala, "verifikasi-kepala")
    kepala.get_by_role("checkbox", name=BMN).uncheck()
    kepala.get_by_role("checkbox", name=TI).check()
    kepala.get_by_label("Catatan").fill("Lampirkan berita acara serah terima perangkat TI.")
    kepala.get_by_role("button", name="Kembalikan yang dipilih").click()
    tampak(kepala, "1 nilai dikembalikan ke staf.")
    keluar(kepala)

    # The staff member reads the comment, corrects the value and submits it again.
    staf = masuk(peramban, server.url, "staf-keuangan")
    dikembalikan = staf.locator(".tugas-dikembalikan").filter(has_text=TI)
    tampak(dikembalikan, "Triwulan IV 2024: Lampirkan berita acara serah terima perangkat TI.")
    expect(dikembalikan.get_by_role("link", name="Perbaiki")).to_have_attribute(
        "href", f"/kinerja/{ORG}/keuangan/2024/tw4/"
    )
    staf.goto(server(FORMULIR))
    ti = _kartu(staf, TI)
    tampak(ti, "Dikembalikan: Lampirkan berita acara")
    ti.get_by_label("Realisasi (%)").fill("100")
    ti.get_by_label("Tindak lanjut").fill("Berita acara dilampirkan.")
    _simpan(staf)
    tampak(staf, "Tersimpan: 0 nilai baru, 1 nilai diubah, 0 bukti dukung.")
    staf.get_by_role("button", name="Ajukan 1 nilai untuk diverifikasi").click()
    tampak(staf, "1 nilai diajukan untuk diverifikasi.")
    keluar(staf)

    # The head verifies both.
    kepala = masuk(peramban, server.url, "kasubbag-keuangan")
    kepala.locator(".tugas-verifikasi").get_by_role("link", name="Verifikasi").click()
    expect(kepala.get_by_role("checkbox", name=BMN)).to_be_checked()
    expect(kepala.get_by_role("checkbox", name=TI)).to_be_checked()
    kepala.get_by_role("button", name="Verifikasi yang dipilih").click()
    tampak(kepala, "2 nilai diverifikasi.")
    kepala.goto(server(FORMULIR))
    tampak(kepala, "2 dari 12 indikator terisi · 0 diajukan · 2 diverifikasi")
    expect(_kartu(kepala, TI).get_by_text("Capaian 100,00 %")).to_be_visible()
    keluar(kepala)

    # The Ketua follows it on Beranda's charts.
    ketua = masuk(peramban, server.url, "ketua")
    ketua.goto(server("/?tahun=2024&periode=tw4"))
    progres = ketua.get_by_role("img", name="Kemajuan pengisian realisasi Triwulan IV 2024")
    expect(progres).to_contain_text("Keuangan, Umum dan Logistik2 dari 12 terisi2")
    expect(ketua.get_by_role("img", name=re.compile("Serapan anggaran"))).to_contain_text(
        "91,57\u00a0% · Cukup Efektif"
    )
    periksa(ketua, "beranda-pimpinan", ponsel="ponsel-beranda-pimpinan")
    keluar(ketua)


def test_it_keeps_another_units_staff_out_of_the_form(peramban, server):
    staf_lain = masuk(peramban, server.url, "staf-teknis")
    respons = staf_lain.goto(server(FORMULIR))
    assert respons.status == 404
    tampak(staf_lain, "Halaman tidak ditemukan")
    expect(staf_lain.locator("input:not([type=hidden]), textarea")).to_have_count(0)
    periksa(staf_lain)
    # Nor can they post to it.
    respons = staf_lain.request.post(server(FORMULIR + "ajukan/"))
    assert respons.status in (403, 404)
    keluar(staf_lain)
