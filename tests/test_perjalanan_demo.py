"""The demo journey end to end, through the real login page and the demo accounts."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kinerja.models import BuktiDukung, Realisasi
from tests.isian import data_formulir, isi, prefix, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

SANDI = "sandi-demo-uji-123"


def _masuk(client, username: str) -> None:
    client.post("/akun/logout/")
    respons = client.post("/akun/login/", {"username": username, "password": SANDI})
    assert respons.status_code == 302, respons.content.decode()[:500]


def test_it_lets_staff_enter_and_submit_and_the_head_verify(client, org, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", SANDI)
    call_command("create_demo_accounts", stdout=None)

    _masuk(client, "staf-keuangan")
    # The whole reference year is open (make setup): TW IV, whose quarter ended last, is due.
    assert "12 dari 12 indikator belum punya nilai Triwulan IV." in client.get("/").content.decode()
    data = isi(data_formulir(org), "s9-bmn", nilai="96,7", kendala="Aset tersebar di PPK")
    isi(data, "s3-sarana-ti", nilai="88")
    data[f"{prefix('s9-bmn')}-bukti"] = SimpleUploadedFile("kib.pdf", b"%PDF-1.7 KIB")
    assert client.post(url(), data).status_code == 302
    assert client.post(url(aksi="ajukan")).status_code == 302

    _masuk(client, "kasubbag-keuangan")
    html = client.get("/").content.decode()
    assert "2 nilai menunggu verifikasi Anda" in html
    bmn = Realisasi.objects.get(indikator__kode="s9-bmn", periode="tw1")
    ti = Realisasi.objects.get(indikator__kode="s3-sarana-ti", periode="tw1")
    respons = client.get(url(aksi="verifikasi"))
    assert "kib.pdf" in respons.content.decode()
    client.post(url(aksi="verifikasi"), {"pilih": [f"{bmn.pk}:{bmn.versi}"], "aksi": "verifikasi"})
    client.post(
        url(aksi="verifikasi"),
        {"pilih": [f"{ti.pk}:{ti.versi}"], "aksi": "kembalikan", "catatan": "Lampirkan BA"},
    )
    bmn.refresh_from_db()
    ti.refresh_from_db()
    assert (bmn.nilai, bmn.status) == (Decimal("96.7"), "diverifikasi")
    assert ti.status == "dikembalikan"
    assert BuktiDukung.objects.get().realisasi == bmn

    html = client.get(f"/kinerja/realisasi/{bmn.pk}/riwayat/").content.decode()
    for langkah in ("Diisi", "Diajukan untuk verifikasi", "Diverifikasi", "kib.pdf"):
        assert langkah in html
    _masuk(client, "staf-keuangan")
    assert "Dikembalikan: Lampirkan BA" in client.get(url()).content.decode()
