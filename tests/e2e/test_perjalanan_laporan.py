"""Journey 3: an admin opens the 2024 LAKIP, reads the consistency panel, edits a narrative,
downloads the PDF (which carries the edited text and the year's figures) and finalises it."""

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
        panel.get_by_role("link", name="Unduh PDF", exact=True).click()
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

    # Final: stored with its SHA-256; the year's periods close. Indicators of the reference
    # year lack their cause, so the confirmation asks for a reason, recorded with the final.
    panel.get_by_role("button", name="Finalkan laporan").click()
    tampak(admin, "indikator belum memuat penyebab keberhasilan atau kegagalannya")
    panel.get_by_label(re.compile("Alasan menerbitkan tanpa analisis penyebab")).fill(
        "Analisis disusulkan."
    )
    panel.get_by_role("button", name="Finalkan laporan").click()
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
    keluar(admin)
