"""Journey 3: an admin opens the 2024 LAKIP, reads the consistency panel, edits a narrative,
downloads the PDF (which carries the edited text and the year's figures) and finalises it after
a confirmation that lists what is still open; then reopens it and the whole year for entry."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.peramban import (
    ORG,
    TUNGGU_PDF_MS,
    keluar,
    masuk,
    periksa,
    simpan_gambar,
    tampak,
    teks_pdf,
)

pytestmark = pytest.mark.e2e

ANALISIS = (
    "Uji peramban: perencanaan program dan anggaran Pemilu 2024 tercapai berkat revisi "
    "anggaran yang tepat waktu."
)


def test_it_edits_downloads_and_finalises_the_yearly_report(peramban, server):
    admin = masuk(peramban, server.url, "admin")
    admin.goto(server(f"/laporan/{ORG}/2024/"))
    expect(admin.get_by_role("heading", name="LAKIP 2024")).to_be_visible()

    # The consistency panel says what the report still lacks.
    panel = admin.get_by_role("complementary", name="Panel laporan")
    expect(panel.get_by_text("Belum final")).to_be_visible()
    temuan = panel.locator(".temuan")
    expect(
        temuan.filter(has_text="Indikator dengan target tetapi tanpa realisasi terverifikasi (1)")
    ).to_contain_text("Sasaran 4: Nilai evaluasi atas pelaksanaan reformasi birokrasi")
    kosong = temuan.filter(has_text="Narasi yang masih kosong")
    expect(kosong).to_contain_text("Analisis sasaran 1")
    periksa(admin, "laporan", seluruh=False)

    # A narrative: the analysis of sasaran 1.
    panel.get_by_role("link", name="Ubah narasi").click()
    expect(admin.get_by_role("heading", name="Narasi LAKIP 2024")).to_be_visible()
    periksa(admin)
    admin.get_by_label(re.compile("Analisis sasaran 1: Terwujudnya")).fill(ANALISIS)
    admin.get_by_role("button", name="Simpan", exact=True).click()
    tampak(admin, "Narasi laporan disimpan.")
    expect(admin.locator(".lembar").get_by_text(ANALISIS)).to_be_visible()
    expect(
        panel.locator(".temuan").filter(has_text="Narasi yang masih kosong")
    ).not_to_contain_text("Analisis sasaran 1")

    # The PDF: the edited text and the figures, computed from the data.
    with admin.expect_download(timeout=TUNGGU_PDF_MS) as unduhan:
        # The click waits for the response, which is the PDF being printed: on a loaded
        # machine that takes longer than a click's usual 20 s.
        panel.get_by_role("link", name="Unduh PDF", exact=True).click(timeout=TUNGGU_PDF_MS)
    assert unduhan.value.suggested_filename == f"lakip-{ORG}-2024.pdf"
    teks = teks_pdf(open(unduhan.value.path(), "rb").read())  # noqa: SIM115 - read at once
    assert ANALISIS in teks
    for angka in (
        "Persentase Kegiatan Kampanye 100 % 88,24 % 88,24 % ◆ Cukup Berhasil",
        "Jumlah 57.487.073.000 52.641.937.382 91,57 % Cukup Efektif",
        # The source printed 14,00 and 23,45: the computed totals carry their note.
        "Nilai Akuntabilitas Kinerja 100 16,00 dihitung ulang dari data; angka tercetak "
        "sebelumnya 14,00 21,45 dihitung ulang dari data; angka tercetak sebelumnya 23,45 "
        "33,25 70,70 Predikat BB",
    ):
        assert angka in teks

    # Final: stored with its SHA-256; the year's periods close. The confirmation lists what
    # the panel still finds; indicators of the reference year lack their cause, so it asks for
    # a reason, recorded with the final.
    panel.get_by_role("link", name="Finalkan laporan").click()
    expect(admin.get_by_role("heading", name="Finalkan LAKIP 2024")).to_be_visible()
    expect(
        admin.locator(".temuan").filter(
            has_text="Indikator dengan target tetapi tanpa realisasi terverifikasi (1)"
        )
    ).to_contain_text("Sasaran 4: Nilai evaluasi atas pelaksanaan reformasi birokrasi")
    periksa(admin)
    admin.get_by_role("button", name="Tetap finalkan laporan").click()
    tampak(admin, "indikator belum memuat penyebab keberhasilan atau kegagalannya")
    admin.get_by_label(re.compile("Alasan menerbitkan tanpa analisis penyebab")).fill(
        "Analisis disusulkan."
    )
    admin.get_by_role("button", name="Tetap finalkan laporan").click()
    tampak(admin, "Laporan difinalkan sebagai versi 1.")
    expect(panel.get_by_text("Alasan: Analisis disusulkan.")).to_be_visible()
    expect(panel.get_by_text("Final versi 1")).to_be_visible()
    expect(panel.get_by_text("Data tidak berubah sejak finalisasi.")).to_be_visible()
    expect(panel.get_by_role("link", name="Unduh PDF final")).to_be_visible()
    expect(panel.get_by_text(re.compile("SHA-256: [0-9a-f]{64}"))).to_be_visible()
    periksa(admin)
    admin.goto(server(f"/kinerja/{ORG}/keuangan/2024/tw4/"))
    tampak(admin, "Ditutup: laporan tahun 2024 sudah final")

    # The pohon kinerja of the year, and the organisation's public page with the final LAKIP.
    admin.goto(server(f"/pohon/{ORG}/2024/"))
    tampak(admin, "Pohon kinerja 2024")
    simpan_gambar(admin, "pohon-kinerja", seluruh=False)
    admin.goto(server(f"/publik/{ORG}/"))
    tampak(admin, "Tahun 2023: nilai 70,70, predikat")
    expect(admin.get_by_text(re.compile("[0-9a-f]{64}")).first).to_be_visible()
    simpan_gambar(admin, "publik")

    # Reopened, the report is final no more and the entry forms stop saying so; the admin
    # reopens every period of every unit at once, with one reason.
    admin.goto(server(f"/laporan/{ORG}/2024/"))
    panel.get_by_role("button", name="Buka kembali").click()
    tampak(admin, "Versi final 1 dibuka kembali.")
    isian = server(f"/kinerja/{ORG}/teknis/2024/tahunan/")
    admin.goto(isian)
    tampak(admin, "Realisasi Tahunan 2024")
    expect(admin.get_by_text("Ditutup: laporan tahun 2024 sudah final")).to_have_count(0)
    admin.goto(server(f"/laporan/{ORG}/2024/"))
    panel.get_by_role("link", name="Buka kembali pengisian tahun 2024").click()
    admin.get_by_label("Alasan membuka kembali").fill("Koreksi setelah reviu Inspektorat.")
    periksa(admin)
    admin.get_by_role("button", name="Buka kembali seluruh periode").click()
    tampak(admin, "Seluruh periode tahun 2024 dibuka kembali untuk 5 unit")
    admin.goto(isian)
    tampak(admin, "Alasan: Koreksi setelah reviu Inspektorat.")
    # The README's form with coloured categories: pencalonan at 67,13 % is Kurang Berhasil,
    # shown amid its neighbours of sasaran 6.
    kartu = admin.locator("section.card").filter(has_text="Persentase Kegiatan pencalonan")
    expect(kartu.locator(".kategori-capaian.kat-kb")).to_have_text("▼ Kurang Berhasil")
    expect(admin.locator(".legenda-kategori")).to_contain_text("Belum ada realisasi")
    periksa(admin)
    # Instantly: Bootstrap makes scrolling smooth, and the screenshot would catch it midway.
    kartu.evaluate("e => e.scrollIntoView({block: 'center', behavior: 'instant'})")
    simpan_gambar(admin, "isian-kategori", seluruh=False)
    keluar(admin)
