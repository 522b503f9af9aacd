"""Amendments are new versions: drafted from the signed one, signed the same way; earlier
versions stay readable, and the report and the capaian follow the latest signed version."""

from decimal import Decimal

import pytest
from django.urls import reverse

from inti.galat import Ditolak, TidakBerwenang
from kinerja.capaian import perjanjian_berlaku, tabel_capaian
from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.selectors import riwayat_versi
from kinerja.perjanjian.services import (
    TargetDraf,
    perjanjian_simpan_draf,
    perjanjian_ubah,
)
from renstra.models import IndikatorKinerja
from tests.pembuat import tandatangani

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]

KONSOLIDASI = (
    "Konsolidasi Nasional Program Kerja dan Anggaran, Penguatan Kelembagaan dan Organisasi"
)


def _organisasi(org, versi: int) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=versi)


def test_it_lists_the_reference_versions_with_what_changed(org):
    versi = riwayat_versi(_organisasi(org, 1))
    assert [v.perjanjian.versi for v in versi] == [1, 2]
    assert versi[0].perubahan is None
    perubahan = versi[1].perubahan
    assert perubahan.ringkasan == "+2 indikator, \u22121 indikator"
    assert perubahan.indikator_ditambah == [
        f"{KONSOLIDASI} (100\u00a0%)",
        "Pengelolaan Sarana IT Pemilu (100\u00a0%)",
    ]
    assert perubahan.indikator_dihapus == [
        "Persentase Pelaksanaan Pemungutan dan Penghitungan Suara"
    ]
    assert perubahan.target_berubah == perubahan.kegiatan_berubah == []


def test_it_drafts_an_amendment_from_the_latest_signed_version(org, admin_org):
    v2 = _organisasi(org, 2)
    v3 = perjanjian_ubah(perjanjian=v2, oleh=admin_org)
    assert (v3.versi, v3.status, v3.judul) == (3, "draf", "Perubahan Perjanjian Kinerja")
    assert v3.target.count() == 35
    assert list(v3.kegiatan.values_list("program__kode", "anggaran")) == [
        ("CQ", Decimal("54559031000")),
        ("WA", Decimal("2928042000")),
    ]
    assert (v3.pihak_pertama, v3.pihak_kedua) == (v2.pihak_pertama, v2.pihak_kedua)
    assert riwayat_versi(v3)[-1].perubahan.ringkasan == "Tidak ada perubahan isi"
    v2.refresh_from_db()
    assert v2.target.count() == 35 and v2.is_ditandatangani


def test_it_refuses_an_amendment_of_an_older_version_or_of_a_draft(org, admin_org, draf_keuangan):
    with pytest.raises(Ditolak, match="Sudah ada versi 2"):
        perjanjian_ubah(perjanjian=_organisasi(org, 1), oleh=admin_org)
    with pytest.raises(Ditolak, match="sudah ditandatangani"):
        perjanjian_ubah(perjanjian=draf_keuangan, oleh=admin_org)


def test_it_lets_only_drafters_amend(org, kasubbag_keuangan):
    with pytest.raises(TidakBerwenang):
        perjanjian_ubah(perjanjian=_organisasi(org, 2), oleh=kasubbag_keuangan)


def test_it_follows_the_latest_signed_version(org, admin_org, sekretaris, ketua):
    v2 = _organisasi(org, 2)
    v3 = perjanjian_ubah(perjanjian=v2, oleh=admin_org)
    # While version 3 is a draft, version 2 is in force.
    assert perjanjian_berlaku(organisasi=org, tahun=2024) == v2
    assert tabel_capaian(organisasi=org, tahun=2024).jumlah_indikator == 35

    sarana_it = IndikatorKinerja.objects.get(nama="Pengelolaan Sarana IT Pemilu")
    rb = IndikatorKinerja.objects.get(kode="s4-nilai-rb")
    target = [
        TargetDraf(t.indikator, Decimal("82") if t.indikator == rb else t.nilai, None, t.tingkat)
        for t in v3.target.select_related("indikator__sasaran__renstra", "tingkat")
        if t.indikator != sarana_it
    ]
    perjanjian_simpan_draf(
        perjanjian=v3,
        oleh=admin_org,
        tempat=v3.tempat,
        tanggal=v3.tanggal,
        pihak_pertama=v3.pihak_pertama,
        pihak_kedua=v3.pihak_kedua,
        target=target,
        kegiatan=[],
    )
    tandatangani(v3, sekretaris, ketua)
    assert perjanjian_berlaku(organisasi=org, tahun=2024) == v3
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    assert tabel.perjanjian == v3 and tabel.jumlah_indikator == 34
    perubahan = riwayat_versi(v3)[-1].perubahan
    assert perubahan.ringkasan == "\u22121 indikator, 1 target berubah, \u22122 kegiatan"
    assert perubahan.target_berubah == [
        ("Nilai evaluasi atas pelaksanaan reformasi birokrasi", "80", "82")
    ]


def test_it_keeps_earlier_versions_readable(client, org, sekretaris):
    client.force_login(sekretaris)
    response = client.get(reverse("perjanjian_detail", args=[_organisasi(org, 1).pk]))
    teks = response.content.decode()
    assert response.status_code == 200
    assert "Versi 1</strong>" in teks
    assert f'href="{reverse("perjanjian_detail", args=[_organisasi(org, 2).pk])}"' in teks
    assert "Dibanding versi 1: +2 indikator, \u22121 indikator" in teks
    assert f"Indikator ditambah: {KONSOLIDASI} (100\u00a0%)" in teks
    assert "Ditandatangani di atas kertas" in teks


def test_it_offers_the_amendment_button_on_the_latest_signed_version_only(client, org, admin_org):
    client.force_login(admin_org)
    tombol = "Buat perubahan (versi 3)"
    assert (
        tombol
        in client.get(reverse("perjanjian_detail", args=[_organisasi(org, 2).pk])).content.decode()
    )
    assert (
        "Buat perubahan"
        not in client.get(
            reverse("perjanjian_detail", args=[_organisasi(org, 1).pk])
        ).content.decode()
    )
    response = client.post(reverse("perjanjian_perubahan", args=[_organisasi(org, 2).pk]))
    v3 = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=3)
    assert response["Location"] == reverse("perjanjian_ubah", args=[v3.pk])
