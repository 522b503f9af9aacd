"""Kendala, tindak lanjut and faktor pendorong have one length limit
(kinerja.models.PANJANG_TEKS_MAKS): the entry form, the spreadsheet import, the admin and the
database all hold it."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from kinerja.models import PANJANG_TEKS_MAKS, Realisasi
from organisasi.models import Pengguna
from tests.isian import data_formulir, isi, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

PANJANG = "k" * 40_000


def test_it_refuses_a_kendala_longer_than_the_limit_in_the_entry_form(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90", kendala=PANJANG)
    respons = client.post(url(), data)
    assert respons.status_code == 400
    assert (
        f"Pastikan nilai ini mengandung paling banyak {PANJANG_TEKS_MAKS} karakter (sekarang "
        "40000 karakter)." in respons.content.decode()
    )
    assert not Realisasi.objects.filter(periode="tw1").exists()


def test_it_refuses_a_faktor_pendorong_longer_than_the_limit_in_the_entry_form(
    client, org, staf_keuangan
):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90", faktor_pendorong=PANJANG)
    respons = client.post(url(), data)
    assert respons.status_code == 400
    assert f"paling banyak {PANJANG_TEKS_MAKS} karakter" in respons.content.decode()
    assert not Realisasi.objects.filter(periode="tw1").exists()


def test_it_accepts_a_kendala_of_exactly_the_limit(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90", tindak_lanjut="t" * PANJANG_TEKS_MAKS)
    assert client.post(url(), data).status_code == 302
    r = Realisasi.objects.get(indikator__kode="s9-bmn", periode="tw1")
    assert len(r.tindak_lanjut) == PANJANG_TEKS_MAKS


@pytest.mark.parametrize("kolom", ["kendala", "tindak_lanjut", "faktor_pendorong"])
def test_it_is_held_by_the_database_whatever_the_code_path(org, kolom):
    r = Realisasi.objects.filter(tahun=2024, periode="tahunan").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Realisasi.objects.filter(pk=r.pk).update(**{kolom: "x" * (PANJANG_TEKS_MAKS + 1)})
    Realisasi.objects.filter(pk=r.pk).update(**{kolom: "x" * PANJANG_TEKS_MAKS})


def test_it_refuses_a_long_kendala_in_the_admin(client, org):
    r = Realisasi.objects.filter(tahun=2024, periode="tahunan", nilai__isnull=False).first()
    superuser = Pengguna.objects.create_superuser(
        username="super-teks", password="x", email="", organisasi=org, peran="admin"
    )
    client.force_login(superuser)
    alamat = reverse("admin:kinerja_realisasi_change", args=[r.pk])
    halaman = client.get(alamat)
    assert f'maxlength="{PANJANG_TEKS_MAKS}"' in halaman.content.decode()
    data = {
        "indikator": r.indikator_id,
        "tahun": r.tahun,
        "periode": r.periode,
        "nilai": str(r.nilai),
        "tingkat": "",
        "kendala": PANJANG,
        "tindak_lanjut": "",
        "status": r.status,
        "catatan_verifikasi": "",
        "versi_dilihat": r.versi,
    }
    respons = client.post(alamat, data)
    assert respons.status_code == 200
    assert f"paling banyak {PANJANG_TEKS_MAKS} karakter" in respons.content.decode()
    r.refresh_from_db()
    assert r.kendala != PANJANG
