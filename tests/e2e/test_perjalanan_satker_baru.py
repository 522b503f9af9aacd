"""Journey 5: a new satker from nothing to its first LAKIP. A superuser creates "KPU
Kabupaten Contoh" from the kpu-kabkota template and its three accounts in the admin; its admin
fills the profile, the officials (with NIP and account) and the 2025 targets through the
planning pages and starts 2025; the head of Keuangan signs the unit's agreement; the admin
reopens TW IV 2025 (long closed), the staff member enters it, the head verifies; the LAKIP PDF
the admin downloads shows those values with their capaian, and nothing of Bengkulu Utara."""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.peramban import (
    SANDI,
    TUNGGU_PDF_MS,
    keluar,
    masuk,
    periksa,
    tampak,
    teks_pdf,
)

pytestmark = pytest.mark.e2e

ORG = "kpu-kabupaten-contoh"
NAMA = "Komisi Pemilihan Umum Kabupaten Contoh"
SINGKAT = "KPU Kabupaten Contoh"
KEUANGAN = "Subbagian Keuangan, Umum dan Logistik"
# The superuser is offered every organisation's units: each names its owner.
UNIT_SU = f"{KEUANGAN} ({SINGKAT})"
TAHUN = 2025
FORMULIR = f"/kinerja/{ORG}/keuangan/{TAHUN}/tw4/"
# What the admin plans and the staff member enters: indicator -> (target, realisasi typed).
TI = "Sarana Bidang Teknologi dan Informasi"
KANTOR = "Persentase dukungan layanan operasional perkantoran"
TARGET = {TI: "90", KANTOR: "100"}
REALISASI = {TI: "85", KANTOR: "97,5"}


def _angka(teks: str) -> Decimal:
    return Decimal(teks.replace(",", "."))


def _persen(nilai: Decimal) -> str:
    """Two decimals, decimal comma, as the report prints a capaian."""
    return f"{nilai.quantize(Decimal('0.01'), ROUND_HALF_UP)}".replace(".", ",") + " %"


def _capaian(indikator: str) -> str:
    """Higher is better: realisasi / target x 100, computed here from what was typed."""
    return _persen(_angka(REALISASI[indikator]) * 100 / _angka(TARGET[indikator]))


def _akun_baru(page: Page, url: str, username: str, nama: str, peran: str, unit: str = "") -> None:
    """The superuser adds an account of the new satker in the admin."""
    page.goto(url + "/admin/organisasi/pengguna/add/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password1").fill(SANDI)
    page.locator("#id_password2").fill(SANDI)
    page.locator("#id_first_name").fill(nama)
    page.locator("#id_email").fill(f"{username}@contoh.go.id")
    page.locator("#id_organisasi").select_option(label=SINGKAT)
    if unit:
        page.locator("#id_unit_kerja").select_option(label=unit)
    page.locator("#id_peran").select_option(label=peran)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text(username)


def _isian(page: Page, label: str):
    """A field by its label, which crispy marks with "*" when it is required."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def _pejabat_baru(page: Page, url: str, **isian: str) -> None:
    page.goto(url + f"/perencanaan/{ORG}/profil/pejabat/")
    page.get_by_role("link", name="Tambah pejabat").click()
    expect(page.get_by_role("heading", name="Pejabat baru")).to_be_visible()
    _isian(page, "Nama").fill(isian["nama"])
    _isian(page, "NIP").fill(isian["nip"])
    _isian(page, "Jabatan").fill(isian["jabatan"])
    _isian(page, "Peran").select_option(label=isian["peran"])
    if "unit" in isian:
        _isian(page, "Unit kerja yang dipimpin").select_option(label=isian["unit"])
    if "akun" in isian:
        _isian(page, "Akun pengguna").select_option(label=isian["akun"])
    _isian(page, "Mulai menjabat").fill("2025-01-01")
    page.get_by_role("button", name="Simpan").click()
    tampak(page, f"Pejabat {isian['nama']} disimpan.")


def test_it_takes_a_new_satker_from_the_template_to_its_first_lakip(peramban, server, tmp_path):
    # The superuser creates the satker from the template, then its accounts in the admin.
    su = masuk(peramban, server.url, "admin")
    su.get_by_role("link", name="Satker baru").click()
    expect(su.get_by_role("heading", name="Satker baru dari templat")).to_be_visible()
    periksa(su)
    su.get_by_label("Templat").select_option("kpu-kabkota")
    su.get_by_label("Nama satker").fill(NAMA)
    su.get_by_label("Slug").fill(ORG)
    su.get_by_role("button", name="Buat satker").click()
    tampak(su, f"Satker {SINGKAT} dibuat dari templat kpu-kabkota")
    _akun_baru(su, server.url, "admin-contoh", "Rina Admin", "Admin")
    _akun_baru(su, server.url, "kasubbag-contoh", "Budi Santoso, S.E.", "Kepala Subbagian", UNIT_SU)
    _akun_baru(su, server.url, "staf-contoh", "Dewi Lestari", "Staf", UNIT_SU)
    keluar(su)

    # Its admin fills the profile through the planning pages.
    admin = masuk(peramban, server.url, "admin-contoh")
    admin.get_by_role("link", name="Perencanaan").click()
    admin.get_by_role("link", name=re.compile("^Profil")).click()
    periksa(admin)
    admin.get_by_label("Alamat").fill("Jl. Merdeka No. 1")
    admin.get_by_label("Kota").fill("Kota Contoh")
    admin.get_by_label("Provinsi").fill("Provinsi Contoh")
    admin.get_by_label("Kode pos").fill("12345")
    admin.get_by_label("Telepon").fill("(0123) 456789")
    admin.get_by_label("Email").fill("kab-contoh@kpu.go.id")
    admin.get_by_role("button", name="Simpan").click()
    tampak(admin, "Profil organisasi disimpan.")

    # Two officials: the Sekretaris and the head of Keuangan, linked to their account.
    _pejabat_baru(
        admin,
        server.url,
        nama="Siti Aminah, S.Sos",
        nip="19800101 200501 2 001",
        jabatan=f"Sekretaris {SINGKAT}",
        peran="Sekretaris",
    )
    _pejabat_baru(
        admin,
        server.url,
        nama="Budi Santoso, S.E.",
        nip="198505152010011002",
        jabatan="Kepala Subbagian Keuangan, Umum dan Logistik",
        peran="Kepala Subbagian",
        unit=KEUANGAN,
        akun="kasubbag-contoh",
    )
    periksa(admin)

    # The 2025 targets, in the Renstra's grid.
    admin.goto(server(f"/perencanaan/{ORG}/renstra/"))
    admin.get_by_role("link", name=re.compile(f"Rencana Strategis {SINGKAT}")).click()
    admin.get_by_role("link", name="Target tahunan").click()
    for indikator, nilai in TARGET.items():
        admin.get_by_label(f"{indikator}, tahun {TAHUN}", exact=True).fill(nilai)
    admin.get_by_role("button", name="Simpan semua target").click()
    tampak(admin, "Target Renstra disimpan.")

    # Starting 2025: the organisation's agreement needs a Ketua, and the page says so.
    admin.goto(server(f"/perjanjian/{ORG}/{TAHUN}/"))
    admin.get_by_role("link", name=f"Mulai tahun {TAHUN}").click()
    expect(admin.get_by_role("heading", name=f"Mulai tahun {TAHUN}?")).to_be_visible()
    tampak(admin, "Pejabat Ketua yang menjabat pada 1 Januari 2025 belum tercatat.")
    expect(admin.get_by_role("button", name=f"Ya, mulai tahun {TAHUN}")).to_be_disabled()
    _pejabat_baru(
        admin,
        server.url,
        nama="Ahmad Fauzi, S.H.",
        nip="197512312000031001",
        jabatan=f"Ketua {SINGKAT}",
        peran="Ketua",
    )
    admin.goto(server(f"/tahun/{ORG}/{TAHUN}/mulai/"))
    tampak(admin, f"{KEUANGAN}: dari target")
    periksa(admin)
    admin.get_by_role("button", name=f"Ya, mulai tahun {TAHUN}").click()
    tampak(admin, f"Tahun {TAHUN} dimulai: 2 draf perjanjian kinerja dibuat.")

    # The unit's draft gets its date (today lies outside 2025, so it was left empty).
    baris = admin.locator(".list-group-item").filter(has_text=KEUANGAN)
    baris.get_by_role("link", name=re.compile("versi 1$")).click()
    admin.get_by_role("link", name="Ubah draf").click()
    admin.get_by_label("Tanggal perjanjian").fill("2025-01-06")
    admin.get_by_role("button", name="Simpan draf").click()
    tampak(admin, "Draf disimpan.")
    keluar(admin)

    # The head of Keuangan finds it on Beranda and signs it as pihak pertama.
    kepala = masuk(peramban, server.url, "kasubbag-contoh")
    tugas = kepala.locator(".tugas-tanda_tangan")
    expect(tugas).to_contain_text("Menunggu tanda tangan Anda")
    tugas.get_by_role("link", name="Tandatangani").click()
    expect(kepala.get_by_role("heading", name=re.compile("^Tandatangani"))).to_be_visible()
    periksa(kepala)
    kepala.get_by_label("Kata sandi Anda").fill(SANDI)
    konfirmasi = kepala.get_by_label("Saya sudah membaca peringatan di atas")
    if konfirmasi.count():
        konfirmasi.check()
    kepala.get_by_role("button", name="Tandatangani", exact=True).click()
    tampak(kepala, "Perjanjian kinerja ditandatangani.")
    expect(
        kepala.locator(".badge", has_text="Menunggu tanda tangan pihak kedua").first
    ).to_be_visible()
    keluar(kepala)

    # TW IV 2025 closed long ago: the admin reopens it for Keuangan, with a reason.
    admin = masuk(peramban, server.url, "admin-contoh")
    admin.goto(server(FORMULIR))
    tampak(admin, "Ditutup sejak")
    admin.get_by_role("link", name="Buka kembali periode").click()
    admin.get_by_label("Alasan membuka kembali").fill("Satker baru: realisasi 2025 disusulkan.")
    admin.get_by_role("button", name="Buka kembali").click()
    tampak(admin, f"Triwulan IV {TAHUN} dibuka kembali untuk {KEUANGAN}")
    keluar(admin)

    # The staff member enters the quarter and submits it.
    staf = masuk(peramban, server.url, "staf-contoh")
    staf.goto(server(FORMULIR))
    expect(staf.get_by_role("heading", name=f"Realisasi Triwulan IV {TAHUN}")).to_be_visible()
    tampak(staf, "0 dari 2 indikator terisi")
    periksa(staf)
    for indikator, nilai in REALISASI.items():
        kartu = staf.locator("section.card").filter(
            has=staf.get_by_role("heading", name=indikator, exact=True)
        )
        kartu.get_by_label("Realisasi (%)").fill(nilai)
    staf.get_by_role("button", name="Simpan", exact=True).click()
    tampak(staf, "Tersimpan: 2 nilai baru, 0 nilai diubah, 0 bukti dukung.")
    tampak(staf, f"Capaian {_capaian(TI).replace(' ', chr(160))}")
    staf.get_by_role("button", name="Ajukan 2 nilai untuk diverifikasi").click()
    tampak(staf, "2 nilai diajukan untuk diverifikasi.")
    keluar(staf)

    # The head verifies both.
    kepala = masuk(peramban, server.url, "kasubbag-contoh")
    kepala.locator(".tugas-verifikasi").get_by_role("link", name="Verifikasi").click()
    expect(kepala.get_by_role("heading", name=f"Verifikasi Triwulan IV {TAHUN}")).to_be_visible()
    periksa(kepala)
    kepala.get_by_role("button", name="Verifikasi yang dipilih").click()
    tampak(kepala, "2 nilai diverifikasi.")
    keluar(kepala)

    # The admin downloads the LAKIP: the capaian table shows what was entered.
    admin = masuk(peramban, server.url, "admin-contoh")
    admin.goto(server(f"/laporan/{ORG}/{TAHUN}/"))
    expect(admin.get_by_role("heading", name=f"LAKIP {TAHUN}")).to_be_visible()
    periksa(admin)
    panel = admin.get_by_role("complementary", name="Panel laporan")
    with admin.expect_download(timeout=TUNGGU_PDF_MS) as unduhan:
        panel.get_by_role("link", name="Unduh PDF", exact=True).click(timeout=TUNGGU_PDF_MS)
    assert unduhan.value.suggested_filename == f"lakip-{ORG}-{TAHUN}.pdf"
    pdf = tmp_path / "lakip.pdf"
    unduhan.value.save_as(pdf)
    teks = teks_pdf(pdf.read_bytes())
    assert f"LAKIP {SINGKAT} Tahun {TAHUN}" in teks
    # The capaian table of the year: its rows, as typed and as computed here.
    judul = f"Capaian Kinerja Tahun {TAHUN} NO SASARAN STRATEGIS INDIKATOR KINERJA TARGET "
    assert judul in teks
    tabel = teks.split(judul, 1)[1].split("Tabel ", 1)[0]
    for indikator in REALISASI:
        baris = f"{indikator} {TARGET[indikator]} % {REALISASI[indikator]} % {_capaian(indikator)}"
        assert baris in tabel, f"{baris!r} tidak ada di tabel capaian: {tabel[:600]}"
    assert "bengkulu" not in teks.lower()
    keluar(admin)
