"""Two people editing the same value: the second save is refused, nothing is lost."""

from decimal import Decimal

import pytest

from kinerja.models import Realisasi
from kinerja.realisasi.services.isian import IsianBaris, realisasi_simpan_formulir
from kinerja.realisasi.services.terjaga import KonflikVersi
from kinerja.realisasi.services.verifikasi import realisasi_verifikasi
from renstra.models import IndikatorKinerja
from tests.isian import data_formulir, isi, prefix, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]


def _r(kode: str) -> Realisasi:
    return Realisasi.objects.get(indikator__kode=kode, tahun=2024, periode="tw1")


def test_it_refuses_the_second_save_naming_who_changed_the_value(
    client, org, staf_keuangan, admin_org
):
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="80"))
    staf_keuangan.first_name, staf_keuangan.last_name = "Rina", "Marlina"
    staf_keuangan.save()

    # both open the form at version 1
    dibuka_admin = isi(data_formulir(org), "s9-bmn", nilai="85")
    isi(dibuka_admin, "s8-barang-jasa", nilai="70")
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90,5"))
    assert _r("s9-bmn").versi == 2

    client.force_login(admin_org)
    respons = client.post(url(), dibuka_admin)
    assert respons.status_code == 409
    html = respons.content.decode()
    indikator = IndikatorKinerja.objects.get(kode="s9-bmn").nama
    assert f"Tidak ada yang disimpan: {indikator} sudah diubah oleh Rina Marlina" in html
    assert "nilai sekarang 90,5\u00a0%" in html
    # no lost update, and the other row of the refused form was not saved either
    assert (_r("s9-bmn").nilai, _r("s9-bmn").versi) == (Decimal("90.5"), 2)
    assert (
        not Realisasi.objects.filter(indikator__kode="s8-barang-jasa")
        .exclude(periode="tahunan")
        .exists()
    )
    # what the admin typed stays on screen, now against the current version
    assert f'name="{prefix("s9-bmn")}-nilai" value="85"' in html
    assert f'name="{prefix("s9-bmn")}-versi" value="2"' in html


def test_it_refuses_a_stale_update_in_the_database_itself(org, staf_keuangan, admin_org):
    """The UPDATE checks the version: a write that slipped in after the read is caught."""
    indikator = IndikatorKinerja.objects.get(kode="s9-bmn")
    unit = indikator.unit_kerja

    def simpan(user, nilai, versi):
        return realisasi_simpan_formulir(
            pengguna=user,
            unit_kerja=unit,
            tahun=2024,
            periode="tw1",
            isian=[IsianBaris(indikator=indikator, versi=versi, nilai=Decimal(nilai))],
        )

    simpan(staf_keuangan, "80", 0)
    simpan(staf_keuangan, "81", 1)
    with pytest.raises(KonflikVersi) as gagal:
        simpan(admin_org, "99", 1)
    assert gagal.value.konflik[0].oleh == "staf-keuangan-uji"
    assert gagal.value.konflik[0].nilai_sekarang == "81\u00a0%"
    # a create racing a create: the unique constraint, reported the same way
    with pytest.raises(KonflikVersi):
        simpan(admin_org, "99", 0)
    assert (_r("s9-bmn").nilai, _r("s9-bmn").versi) == (Decimal("81"), 2)


def test_it_refuses_to_verify_a_value_changed_since_it_was_shown(org, staf_keuangan, pimpinan):
    indikator = IndikatorKinerja.objects.get(kode="s9-bmn")
    realisasi_simpan_formulir(
        pengguna=staf_keuangan,
        unit_kerja=indikator.unit_kerja,
        tahun=2024,
        periode="tw1",
        isian=[IsianBaris(indikator=indikator, versi=0, nilai=Decimal("80"))],
    )
    r = _r("s9-bmn")
    r.status = Realisasi.Status.DIAJUKAN
    r.save()
    with pytest.raises(KonflikVersi):
        realisasi_verifikasi(
            pengguna=pimpinan,
            unit_kerja=indikator.unit_kerja,
            tahun=2024,
            periode="tw1",
            versi={r.pk: r.versi - 1},
        )
    assert _r("s9-bmn").status == Realisasi.Status.DIAJUKAN
