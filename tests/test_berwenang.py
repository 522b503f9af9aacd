"""Permission checks live in the services: called directly, as a view, the admin, a command
or a task would, a write by someone who may not do it is refused with TidakBerwenang and its
Indonesian message, and nothing changes."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from inti.galat import TidakBerwenang
from kinerja.models import KunciTahun, PembukaanPeriode, PerjanjianKinerja, Realisasi
from kinerja.perjanjian.services import perjanjian_hapus
from kinerja.realisasi.periode import periode_buka_kembali, periode_kunci_tahun
from kinerja.realisasi.services.isian import (
    IsianBaris,
    realisasi_ajukan,
    realisasi_simpan_formulir,
    realisasi_simpan_impor,
)
from kinerja.realisasi.services.verifikasi import realisasi_kembalikan, realisasi_verifikasi
from laporan import services as laporan
from laporan.models import LaporanFinal, LaporanKinerja
from organisasi.models import Pengguna, UnitKerja
from renstra.models import IndikatorKinerja

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

PERIODE = {"tahun": 2024, "periode": "tw1"}


@pytest.fixture
def keuangan(org) -> UnitKerja:
    return UnitKerja.objects.get(organisasi=org, slug="keuangan")


@pytest.fixture
def admin_lain(org_lain) -> Pengguna:
    """An admin, but of another organisation."""
    return Pengguna.objects.create_user(
        username="admin-lebong-uji", organisasi=org_lain, peran=Pengguna.Peran.ADMIN
    )


def _isian(nilai: str = "90") -> list[IsianBaris]:
    return [
        IsianBaris(
            indikator=IndikatorKinerja.objects.get(kode="s9-bmn"), versi=0, nilai=Decimal(nilai)
        )
    ]


def _tw1() -> list[tuple]:
    return list(Realisasi.objects.filter(**PERIODE).values_list("pk", "versi", "status"))


@pytest.fixture
def diajukan(staf_keuangan, keuangan) -> dict[int, int]:
    """s9-bmn of Keuangan, tw1 2024, submitted: realisasi pk -> version."""
    realisasi_simpan_formulir(
        pengguna=staf_keuangan, unit_kerja=keuangan, isian=_isian(), **PERIODE
    )
    realisasi_ajukan(pengguna=staf_keuangan, unit_kerja=keuangan, **PERIODE)
    return dict(Realisasi.objects.filter(**PERIODE).values_list("pk", "versi"))


# ---------------------------------------------------------------- realisasi


@pytest.mark.parametrize("orang", ["staf_teknis", "kepala_keuangan", "pimpinan", "admin_lain"])
def test_it_lets_only_the_units_staff_or_an_admin_save_its_values(request, orang, keuangan):
    sebelum = _tw1()
    with pytest.raises(TidakBerwenang) as galat:
        realisasi_simpan_formulir(
            pengguna=request.getfixturevalue(orang),
            unit_kerja=keuangan,
            isian=_isian(),
            **PERIODE,
        )
    assert galat.value.pesan == (
        f"Hanya staf {keuangan.nama} atau admin yang dapat mengisi realisasi {keuangan.nama}."
    )
    assert _tw1() == sebelum


def test_it_saves_the_units_values_for_its_own_staff(staf_keuangan, keuangan):
    hasil = realisasi_simpan_formulir(
        pengguna=staf_keuangan, unit_kerja=keuangan, isian=_isian(), **PERIODE
    )
    assert hasil.dibuat == 1


def test_it_lets_only_the_units_staff_submit(staf_teknis, staf_keuangan, keuangan):
    realisasi_simpan_formulir(
        pengguna=staf_keuangan, unit_kerja=keuangan, isian=_isian(), **PERIODE
    )
    sebelum = _tw1()
    with pytest.raises(TidakBerwenang, match="yang dapat mengajukan realisasi"):
        realisasi_ajukan(pengguna=staf_teknis, unit_kerja=keuangan, **PERIODE)
    assert _tw1() == sebelum


@pytest.mark.parametrize("orang", ["staf_keuangan", "kepala_teknis", "admin_lain"])
def test_it_lets_only_the_head_pimpinan_or_an_admin_verify(request, orang, keuangan, diajukan):
    pengguna = request.getfixturevalue(orang)
    sebelum = _tw1()
    with pytest.raises(TidakBerwenang) as galat:
        realisasi_verifikasi(pengguna=pengguna, unit_kerja=keuangan, versi=diajukan, **PERIODE)
    assert galat.value.pesan == (
        f"Hanya Kepala {keuangan.nama}, pimpinan, atau admin yang dapat memverifikasi "
        f"realisasi {keuangan.nama}."
    )
    with pytest.raises(TidakBerwenang, match="yang dapat mengembalikan realisasi"):
        realisasi_kembalikan(
            pengguna=pengguna, unit_kerja=keuangan, versi=diajukan, catatan="Periksa", **PERIODE
        )
    assert _tw1() == sebelum


def test_it_lets_pimpinan_verify(pimpinan, keuangan, diajukan):
    assert (
        realisasi_verifikasi(pengguna=pimpinan, unit_kerja=keuangan, versi=diajukan, **PERIODE) == 1
    )


def test_it_refuses_an_import_into_another_units_values(org, staf_teknis, keuangan):
    sebelum = _tw1()
    with pytest.raises(TidakBerwenang) as galat:
        realisasi_simpan_impor(
            pengguna=staf_teknis,
            organisasi=org,
            isian=_isian(),
            alasan="Impor",
            terverifikasi=False,
            **PERIODE,
        )
    assert galat.value.pesan == f"Anda tidak berwenang mengisi realisasi {keuangan.nama}."
    assert _tw1() == sebelum


def test_it_lands_imported_values_verified_only_for_an_admin(org, staf_keuangan, admin_lain):
    sebelum = _tw1()
    for pengguna in (staf_keuangan, admin_lain):
        with pytest.raises(TidakBerwenang) as galat:
            realisasi_simpan_impor(
                pengguna=pengguna,
                organisasi=org,
                isian=_isian(),
                alasan="Impor",
                terverifikasi=True,
                **PERIODE,
            )
        assert galat.value.pesan == "Hanya admin yang dapat mengimpor nilai terverifikasi."
    assert _tw1() == sebelum


@pytest.mark.parametrize("orang", ["pimpinan", "kepala_keuangan", "admin_lain"])
def test_it_lets_only_an_admin_reopen_a_period_or_lock_a_year(request, orang, org, keuangan):
    pengguna = request.getfixturevalue(orang)
    with pytest.raises(TidakBerwenang) as galat:
        periode_buka_kembali(
            pengguna=pengguna,
            unit_kerja=keuangan,
            tahun=2024,
            periode="tw1",
            alasan="Terlambat",
            sampai=timezone.localdate() + timedelta(days=3),
        )
    assert galat.value.pesan == "Hanya admin yang dapat membuka kembali periode."
    with pytest.raises(TidakBerwenang) as galat:
        periode_kunci_tahun(organisasi=org, tahun=2024, alasan="Final", pengguna=pengguna)
    assert galat.value.pesan == "Hanya admin yang dapat mengunci tahun."
    assert not PembukaanPeriode.objects.exists()
    assert not KunciTahun.objects.filter(organisasi=org, tahun=2024).exists()


# ---------------------------------------------------------------- laporan


@pytest.mark.parametrize("orang", ["pimpinan", "kepala_keuangan", "admin_lain"])
def test_it_lets_only_an_admin_write_the_report(request, orang, org, admin_org):
    pengguna = request.getfixturevalue(orang)
    teks = LaporanKinerja.objects.get(organisasi=org, tahun=2024).kata_pengantar
    with pytest.raises(TidakBerwenang) as galat:
        laporan.laporan_narasi_simpan(
            organisasi=org,
            tahun=2024,
            nilai={"kata_pengantar": "Diganti"},
            analisis={},
            oleh=pengguna,
        )
    assert galat.value.pesan == "Hanya admin yang dapat mengubah laporan kinerja."
    with pytest.raises(TidakBerwenang) as galat:
        laporan.laporan_finalkan(organisasi=org, tahun=2024, oleh=pengguna)
    assert galat.value.pesan == "Hanya admin yang dapat memfinalkan laporan kinerja."
    assert LaporanKinerja.objects.get(organisasi=org, tahun=2024).kata_pengantar == teks
    assert not LaporanFinal.objects.exists()


def test_it_lets_only_an_admin_reopen_a_final_report(org, admin_org, pimpinan):
    final = LaporanFinal.objects.create(
        laporan=LaporanKinerja.objects.get(organisasi=org, tahun=2024),
        versi=1,
        sha256="0" * 64,
        sidik_html="0" * 64,
        ukuran=1,
        difinalkan_pada=timezone.now(),
        difinalkan_oleh=admin_org,
    )
    with pytest.raises(TidakBerwenang, match="Hanya admin yang dapat membuka kembali laporan"):
        laporan.laporan_buka_kembali(organisasi=org, tahun=2024, oleh=pimpinan)
    final.refresh_from_db()
    assert final.dibuka_pada is None


def test_the_admin_action_shows_the_refusal(client, org, pimpinan):
    """Someone who reaches the admin without being an admin of the organisation gets the
    service's message, not a 500."""
    from django.contrib.auth.models import Permission

    pimpinan.is_staff = True
    pimpinan.save(update_fields=["is_staff"])
    pimpinan.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_laporankinerja", "change_laporankinerja"])
    )
    client.force_login(pimpinan)
    laporan_2024 = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    respons = client.post(
        "/admin/laporan/laporankinerja/",
        {"action": "finalkan", "_selected_action": [laporan_2024.pk]},
        follow=True,
    )
    assert respons.status_code == 200
    assert (
        f"{laporan_2024}: Hanya admin yang dapat memfinalkan laporan kinerja."
        in respons.content.decode()
    )
    assert not LaporanFinal.objects.exists()


# ---------------------------------------------------------------- perjanjian


def test_it_lets_only_a_drafter_delete_a_draft(draf_keuangan, staf_keuangan, kepala_keuangan):
    for pengguna in (staf_keuangan, kepala_keuangan):
        with pytest.raises(TidakBerwenang) as galat:
            perjanjian_hapus(perjanjian=draf_keuangan, oleh=pengguna)
        assert galat.value.pesan == (
            "Hanya admin atau Sekretaris yang dapat menyusun perjanjian kinerja."
        )
    assert PerjanjianKinerja.objects.filter(pk=draf_keuangan.pk).exists()
