"""The public verification page: no login, only parties, year, version, signing times and
whether the content still hashes to what was signed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.services import perjanjian_tandatangani
from tests.pembuat import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]


def test_it_confirms_a_signed_agreement_without_login(client, ditandatangani):
    response = client.get(reverse("verifikasi", args=[ditandatangani.kode_verifikasi]))
    assert response.status_code == 200
    teks = response.content.decode()
    assert "Asli dan utuh." in teks
    assert "Tahun 2025, versi 1" in teks
    assert "Umar Yasin, SH" in teks and "Samsul Bahri, S.Sos" in teks
    waktu = [
        timezone.localtime(t.waktu).strftime("%H.%M")
        for t in ditandatangani.tanda_tangan.order_by("waktu")
    ]
    assert teks.count("Ditandatangani pihak") == 2
    for w in waktu:
        assert f"{w} WIB" in teks


def test_it_shows_nothing_else(client, ditandatangani):
    teks = client.get(reverse("verifikasi", args=[ditandatangani.kode_verifikasi])).content.decode()
    for rahasia in (
        "197112291993031003",  # NIP
        "Rp",
        "Pengelolaan Barang dan Jasa",  # a kegiatan
        "Persentase BMN",  # a target
        ditandatangani.tanda_tangan.first().sha256,
        "Keluar",  # no menu of a signed-in user
    ):
        assert rahasia not in teks


def test_it_still_confirms_after_a_name_changed(client, ditandatangani):
    # The agreement prints its frozen content: a later typo fix is no forgery.
    pejabat = ditandatangani.pihak_pertama
    pejabat.nama = "Umar Yasin, S.H., M.H."
    pejabat.save(update_fields=["nama"])
    teks = client.get(reverse("verifikasi", args=[ditandatangani.kode_verifikasi])).content.decode()
    assert "Asli dan utuh." in teks and "Umar Yasin, SH" in teks


def test_it_answers_404_to_an_unknown_code(client, org):
    response = client.get(reverse("verifikasi", args=["bukan-kode-yang-ada"]))
    assert response.status_code == 404
    assert "Kode verifikasi tidak dikenal." in response.content.decode()
    # Paper-signed reference agreements have no code to verify.
    assert not PerjanjianKinerja.objects.filter(kode_verifikasi__isnull=False).exists()


def test_it_gives_no_code_before_both_parties_signed(draf_keuangan, kasubbag_keuangan):
    perjanjian_tandatangani(
        perjanjian=draf_keuangan,
        pengguna=kasubbag_keuangan,
        password=PASSWORD,
        abaikan_peringatan=True,
    )
    draf_keuangan.refresh_from_db()
    assert draf_keuangan.kode_verifikasi is None
