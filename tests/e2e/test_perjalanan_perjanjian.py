"""Journey 2: the Keuangan unit's 2024 agreement is amended (version 2; version 1 was signed
on paper and is immutable), its head signs it with their password, the Sekretaris
countersigns; the signed agreement offers no edit anywhere; its PDF downloads and the QR code
printed in it opens a public page that confirms it."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.peramban import (
    SANDI,
    TUNGGU_PDF_MS,
    baca_qr,
    keluar,
    konteks,
    masuk,
    periksa,
    tampak,
    teks_pdf,
)

pytestmark = pytest.mark.e2e

UNIT = "Keuangan, Umum dan Logistik"


def _buka_versi(page: Page, versi: int) -> None:
    """From any page: the menu, this year's list, the Keuangan agreement's version."""
    page.get_by_role("link", name="Perjanjian Kinerja", exact=True).first.click()
    expect(page.get_by_role("heading", name="Perjanjian Kinerja 2024")).to_be_visible()
    periksa(page)
    baris = page.locator(".list-group-item").filter(has_text=UNIT)
    baris.get_by_role("link", name=re.compile(f"versi {versi}$")).click()
    expect(page.get_by_text(f"Versi {versi} · Pihak pertama")).to_be_visible()


def _tandatangani(page: Page, sebagai: str) -> None:
    page.get_by_role("link", name=f"Tandatangani sebagai {sebagai}").click()
    _isi_sandi(page)


def _isi_sandi(page: Page) -> None:
    expect(page.get_by_role("heading", name=re.compile("^Tandatangani"))).to_be_visible()
    periksa(page)
    page.get_by_label("Kata sandi Anda").fill(SANDI)
    konfirmasi = page.get_by_label("Saya sudah membaca peringatan di atas")
    if konfirmasi.count():
        konfirmasi.check()
    page.get_by_role("button", name="Tandatangani", exact=True).click()
    tampak(page, "Perjanjian kinerja ditandatangani.")


def test_it_amends_signs_countersigns_and_verifies_the_units_agreement(peramban, server, tmp_path):
    # The admin drafts the amendment of the agreement signed on paper.
    admin = masuk(peramban, server.url, "admin")
    _buka_versi(admin, 1)
    tampak(admin, "Ditandatangani di atas kertas")
    periksa(admin)
    # First what the amendment will be; nothing is created before it is confirmed.
    admin.get_by_role("link", name="Buat perubahan (versi 2)").click()
    expect(admin.get_by_role("heading", name="Buat perubahan perjanjian kinerja?")).to_be_visible()
    tampak(admin, f"Perubahan Perjanjian Kinerja Subbagian {UNIT} tahun 2024, versi 2")
    tampak(admin, "Dikosongkan: hari ini di luar tahun 2024.")
    periksa(admin, "perjanjian-konfirmasi-perubahan", seluruh=False)
    admin.get_by_role("button", name="Ya, buat draf versi 2").click()
    tampak(admin, "Draf perubahan (versi 2) dibuat dari versi 1.")
    periksa(admin)
    admin.get_by_label("Tanggal perjanjian").fill("2024-10-01")
    # What the amendment changes: the BMN target, from 100 % to 98 %.
    baris_bmn = admin.locator("select[id$='-indikator']").evaluate_all(
        "(s, nama) => s.findIndex(el => el.selectedOptions[0]?.text.includes(nama))",
        "Persentase BMN yang dikelola",
    )
    assert baris_bmn >= 0
    admin.locator(f"#id_target-{baris_bmn}-nilai").fill("98")
    admin.get_by_role("button", name="Simpan draf").click()
    tampak(admin, "Draf disimpan.")
    tampak(admin, "Dibanding versi 1: 1 target berubah")
    pk = re.search(r"/perjanjian/(\d+)/$", admin.url).group(1)
    keluar(admin)

    # The Sekretaris signs after the head: nothing waits for them yet.
    sekretaris = masuk(peramban, server.url, "sekretaris")
    expect(sekretaris.locator(".tugas-tanda_tangan")).to_have_count(0)
    keluar(sekretaris)

    # The head of the unit finds the amendment waiting on Beranda, on a phone's first screen
    # too, and signs from there as pihak pertama, with their password.
    kepala = masuk(peramban, server.url, "kasubbag-keuangan")
    tugas = kepala.locator(".tugas-tanda_tangan")
    expect(tugas).to_contain_text("Menunggu tanda tangan Anda")
    expect(tugas).to_contain_text(f"Perubahan Perjanjian Kinerja Subbagian {UNIT} 2024 (versi 2)")
    kepala.set_viewport_size({"width": 390, "height": 844})
    expect(tugas).to_be_in_viewport()
    kepala.set_viewport_size({"width": 1280, "height": 900})
    periksa(kepala, "beranda-kepala-tanda-tangan", seluruh=False, ponsel="beranda-kepala-ponsel")
    tugas.get_by_role("link", name="Tandatangani").click()
    expect(kepala).to_have_url(server(f"/perjanjian/{pk}/tandatangani/"))
    _isi_sandi(kepala)
    expect(
        kepala.locator(".badge", has_text="Menunggu tanda tangan pihak kedua").first
    ).to_be_visible()
    kepala.goto(server("/"))
    expect(kepala.locator(".tugas-tanda_tangan")).to_have_count(0)
    keluar(kepala)

    # Now the Sekretaris, on Beranda with the charts, countersigns as pihak kedua from there.
    sekretaris = masuk(peramban, server.url, "sekretaris")
    expect(sekretaris.get_by_role("img", name=re.compile("Rata-rata capaian"))).to_be_visible()
    periksa(sekretaris)
    sekretaris.locator(".tugas-tanda_tangan").get_by_role("link", name="Tandatangani").click()
    _isi_sandi(sekretaris)
    expect(sekretaris.locator(".badge", has_text="Ditandatangani").first).to_be_visible()
    # The code as printed: five groups of four, to be typed back from paper.
    kode = sekretaris.get_by_role("link", name=re.compile(r"^(?:[0-9A-Z]{4}-){4}[0-9A-Z]{4}$"))
    kode = kode.inner_text()
    periksa(sekretaris, "perjanjian-ditandatangani", seluruh=False)

    # Signed: no edit anywhere, for the admin either.
    admin = masuk(peramban, server.url, "admin")
    admin.goto(server(f"/perjanjian/{pk}/"))
    expect(admin.get_by_role("link", name="Ubah draf")).to_have_count(0)
    expect(admin.get_by_role("button", name="Hapus draf")).to_have_count(0)
    expect(admin.locator(f"a[href='/perjanjian/{pk}/ubah/']")).to_have_count(0)
    admin.goto(server(f"/perjanjian/{pk}/ubah/"))
    expect(admin).to_have_url(server(f"/perjanjian/{pk}/"))
    tampak(admin, "Perjanjian yang sudah ditandatangani tidak dapat diubah.")
    admin.goto(server(f"/admin/kinerja/perjanjiankinerja/{pk}/change/"))
    expect(admin.get_by_role("heading", name=re.compile("^Lihat"))).to_be_visible()
    expect(admin.locator("input[type=submit]")).to_have_count(0)
    keluar(admin)

    # The PDF, and the QR code printed in it.
    respons = sekretaris.request.get(server(f"/perjanjian/{pk}/pdf/"), timeout=TUNGGU_PDF_MS)
    assert respons.status == 200
    assert respons.headers["content-type"] == "application/pdf"
    assert "perjanjian-kinerja-2024-keuangan-v2.pdf" in respons.headers["content-disposition"]
    pdf = tmp_path / "perjanjian.pdf"
    pdf.write_bytes(respons.body())
    teks = teks_pdf(pdf.read_bytes())
    assert "PERUBAHAN PERJANJIAN KINERJA KEPALA SUB BAGIAN KEUANGAN" in teks
    assert f"Kode verifikasi: {kode}" in teks
    assert re.search(
        r"Persentase BMN yang dikelola sesuai dengan peraturan perundang- ?undangan 98 %", teks
    )
    alamat = server(f"/verifikasi/{kode.replace('-', '')}/")
    assert baca_qr(pdf) == [alamat]
    keluar(sekretaris)

    # Whoever holds the paper scans the code: no login needed.
    tamu = konteks(peramban).new_page()
    tamu.goto(alamat)
    tampak(tamu, "Asli dan utuh.")
    tampak(tamu, "Perubahan Perjanjian Kinerja tahun 2024, versi 2")
    tampak(tamu, "Umar Yasin")
    expect(tamu.get_by_role("button", name="Keluar")).to_have_count(0)
    periksa(tamu, "verifikasi-perjanjian")
    keluar(tamu)

    # Typed from paper instead, in lower case with its dashes: the same page, with what was
    # signed, when, and the SHA-256 of the signed content.
    tamu = konteks(peramban).new_page()
    tamu.goto(server(f"/verifikasi/{kode.lower()}/"))
    expect(tamu).to_have_url(alamat)
    _rincian_verifikasi(tamu, kode)
    # Or through the form, with spaces for the dashes.
    tamu.goto(server("/verifikasi/"))
    periksa(tamu)
    tamu.get_by_label("Kode verifikasi yang tercetak pada dokumen").fill(
        kode.lower().replace("-", " ")
    )
    tamu.get_by_role("button", name="Periksa").click()
    expect(tamu).to_have_url(alamat)
    _rincian_verifikasi(tamu, kode)
    periksa(tamu, "verifikasi-perjanjian-rincian", ponsel="verifikasi-perjanjian-ponsel")
    keluar(tamu)


def _rincian_verifikasi(tamu: Page, kode: str) -> None:
    tampak(tamu, "Asli dan utuh.")
    rincian = tamu.locator("dl")
    expect(rincian).to_contain_text(kode)
    expect(rincian).to_contain_text("Komisi Pemilihan Umum Kabupaten Bengkulu Utara")
    expect(rincian).to_contain_text(f"Subbagian {UNIT}")
    expect(rincian).to_contain_text("Perubahan Perjanjian Kinerja tahun 2024, versi 2")
    expect(rincian).to_contain_text("Umar Yasin, SH")
    expect(rincian).to_contain_text("Samsul Bahri, S.Sos")
    expect(rincian.get_by_text(re.compile(r"^Ditandatangani pihak"))).to_have_count(2)
    expect(rincian.locator("code", has_text=re.compile(r"^[0-9a-f]{64}$"))).to_have_count(1)
    baris_bmn = tamu.get_by_role("row").filter(has_text="Persentase BMN yang dikelola")
    expect(baris_bmn).to_contain_text("98\u00a0%")
