"""Shared fixtures: the 2024 reference year, loaded once per test database, and named people."""

import pytest
from django.core.management import call_command

from organisasi.models import Organisasi, Pengguna, UnitKerja

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture
def org(db) -> Organisasi:
    return Organisasi.objects.get(slug="kpu-bengkulu-utara")


@pytest.fixture
def org_lain(db) -> Organisasi:
    lain = Organisasi.objects.create(
        nama="Komisi Pemilihan Umum Kabupaten Lebong", nama_singkat="KPU Lebong", slug="kpu-lebong"
    )
    UnitKerja.objects.create(
        organisasi=lain,
        nama="Subbagian Keuangan",
        nama_singkat="Keuangan",
        slug="keuangan",
        jenis=UnitKerja.Jenis.SUBBAGIAN,
    )
    return lain


def _pengguna(username: str, *, organisasi, peran: str, unit=None) -> Pengguna:
    return Pengguna.objects.create_user(
        username=username, password=PASSWORD, organisasi=organisasi, peran=peran, unit_kerja=unit
    )


@pytest.fixture
def admin_org(org) -> Pengguna:
    user = _pengguna("admin-uji", organisasi=org, peran=Pengguna.Peran.ADMIN)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def kepala_keuangan(org) -> Pengguna:
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    return _pengguna("kepala-keuangan-uji", organisasi=org, peran=Pengguna.Peran.KEPALA, unit=unit)


@pytest.fixture
def staf_keuangan(org) -> Pengguna:
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    return _pengguna("staf-keuangan-uji", organisasi=org, peran=Pengguna.Peran.STAF, unit=unit)


@pytest.fixture
def staf_teknis(org) -> Pengguna:
    unit = UnitKerja.objects.get(organisasi=org, slug="teknis")
    return _pengguna("staf-teknis-uji", organisasi=org, peran=Pengguna.Peran.STAF, unit=unit)


@pytest.fixture
def orang_luar(org_lain) -> Pengguna:
    unit = org_lain.unit.get(slug="keuangan")
    return _pengguna("staf-lebong-uji", organisasi=org_lain, peran=Pengguna.Peran.STAF, unit=unit)


# ---------------------------------------------------------------- realisasi entry (issue 5)


@pytest.fixture
def kepala_teknis(org) -> Pengguna:
    unit = UnitKerja.objects.get(organisasi=org, slug="teknis")
    return _pengguna("kepala-teknis-uji", organisasi=org, peran=Pengguna.Peran.KEPALA, unit=unit)


@pytest.fixture
def pimpinan(org) -> Pengguna:
    return _pengguna("sekretaris-uji", organisasi=org, peran=Pengguna.Peran.PIMPINAN)


@pytest.fixture(autouse=True)
def ruang_pribadi(settings, tmp_path):
    """Evidence files of each test go to its own folder, never to the repository's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "pribadi"
    return settings.PRIVATE_MEDIA_ROOT
