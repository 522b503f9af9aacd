"""Journey 4: the Inspektorat evaluator completes the 2024 LKE with a recommendation; the
office's admin then sees the predikat and the recommendation on Beranda."""

import pytest
from playwright.sync_api import expect

from tests.e2e.peramban import ORG, keluar, masuk, periksa, simpan_gambar, tampak

pytestmark = pytest.mark.e2e


def test_it_completes_an_evaluation_seen_by_the_admin_on_beranda(peramban, server):
    evaluator = masuk(peramban, server.url, "inspektorat")
    evaluator.goto(server(f"/evaluasi/{ORG}/2024/"))
    evaluator.get_by_role("button", name="Mulai lembar kerja 2024").click()
    expect(evaluator.get_by_role("heading", name="Lembar Kerja Evaluasi AKIP 2024")).to_be_visible()

    # Every criterion: yes (A for the graded one), except the Perencanaan sub-components.
    for pilih in evaluator.locator("select[name$='-jawaban']").all():
        nama = pilih.get_attribute("name") or ""
        if nama.startswith("1."):
            pilih.select_option("T")
        else:
            pilih.select_option("A" if nama == "2.b.4-jawaban" else "Y")
    evaluator.get_by_role("button", name="Simpan jawaban").click()
    tampak(evaluator, "80 jawaban disimpan.")
    expect(evaluator.locator("#predikat")).to_have_text("B")
    periksa(evaluator)
    simpan_gambar(evaluator, "lke-lembar-kerja", seluruh=False)

    form = evaluator.locator("#form-rekomendasi")
    form.get_by_label("Rekomendasi").fill("Tetapkan pedoman teknis perencanaan kinerja.")
    form.get_by_label("Batas waktu").fill("2025-06-30")
    form.get_by_role("button", name="Tambah rekomendasi").click()
    tampak(evaluator, "Rekomendasi ditambahkan.")
    evaluator.get_by_label("Nomor LHE").fill("700/LHE/2025")
    evaluator.get_by_role("button", name="Selesaikan evaluasi").click()
    tampak(evaluator, "Evaluasi diselesaikan.")
    keluar(evaluator)

    admin = masuk(peramban, server.url, "admin")
    admin.goto(server("/?tahun=2024"))
    blok = admin.locator("#evaluasi-akip")
    expect(blok.locator("#predikat-lke")).to_have_text("B")
    expect(blok).to_contain_text("70,00")
    expect(blok.locator("#rekomendasi-terbuka")).to_contain_text(
        "Tetapkan pedoman teknis perencanaan kinerja."
    )
    periksa(admin)
    keluar(admin)
