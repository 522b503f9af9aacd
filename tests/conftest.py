"""Shared fixtures: the 2024 reference year, loaded once per test database, and named people."""

import pytest
from django.core.management import call_command

from organisasi.models import Organisasi, Pengguna, UnitKerja
from tests.pembuat import pemegang_jabatan, pengguna, tandatangani


@pytest.fixture(scope="session", autouse=True)
def static_tanpa_manifest():
    """Tests never run collectstatic, and pytest-django turns DEBUG off: with the manifest
    storage of the settings every {% static %} would fail. tests/test_static_produksi.py
    checks the real storage in a separate process."""
    from django.conf import settings
    from django.test import override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


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


@pytest.fixture
def admin_org(org) -> Pengguna:
    user = pengguna("admin-uji", organisasi=org, peran=Pengguna.Peran.ADMIN)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def kepala_keuangan(org) -> Pengguna:
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    return pengguna("kepala-keuangan-uji", organisasi=org, peran=Pengguna.Peran.KEPALA, unit=unit)


@pytest.fixture
def staf_keuangan(org) -> Pengguna:
    unit = UnitKerja.objects.get(organisasi=org, slug="keuangan")
    return pengguna("staf-keuangan-uji", organisasi=org, peran=Pengguna.Peran.STAF, unit=unit)


@pytest.fixture
def staf_teknis(org) -> Pengguna:
    unit = UnitKerja.objects.get(organisasi=org, slug="teknis")
    return pengguna("staf-teknis-uji", organisasi=org, peran=Pengguna.Peran.STAF, unit=unit)


@pytest.fixture
def orang_luar(org_lain) -> Pengguna:
    unit = org_lain.unit.get(slug="keuangan")
    return pengguna("staf-lebong-uji", organisasi=org_lain, peran=Pengguna.Peran.STAF, unit=unit)


# ---------------------------------------------------------------- holders of the signing positions


@pytest.fixture
def sekretaris(org) -> Pengguna:
    """Samsul Bahri: pihak kedua of the unit agreements, pihak pertama of the organisation's."""
    return pemegang_jabatan(org, "sekretaris-uji", "sekretaris", Pengguna.Peran.PIMPINAN)


@pytest.fixture
def ketua(org) -> Pengguna:
    """Santoso: pihak kedua of the organisation's agreement."""
    return pemegang_jabatan(org, "ketua-uji", "ketua", Pengguna.Peran.PIMPINAN)


@pytest.fixture
def kasubbag_keuangan(org) -> Pengguna:
    """Umar Yasin: pihak pertama of the Keuangan agreement."""
    return pemegang_jabatan(
        org, "kasubbag-keuangan-uji", "kepala_subbagian", Pengguna.Peran.KEPALA, "keuangan"
    )


@pytest.fixture
def kasubbag_teknis(org) -> Pengguna:
    """Nova Afrizan: pihak pertama of the Teknis agreement."""
    return pemegang_jabatan(
        org, "kasubbag-teknis-uji", "kepala_subbagian", Pengguna.Peran.KEPALA, "teknis"
    )


@pytest.fixture
def kasubbag(org):
    """The head of any unit, by slug: kasubbag("parmas") is Aderianko's account."""

    def buat(slug: str) -> Pengguna:
        return pemegang_jabatan(
            org, f"kasubbag-{slug}-uji", "kepala_subbagian", Pengguna.Peran.KEPALA, slug
        )

    return buat


@pytest.fixture
def draf_keuangan(org, admin_org):
    """A 2025 draft of the Keuangan agreement, copied from the signed 2024 one."""
    from kinerja.models import PerjanjianKinerja
    from kinerja.perjanjian.services import perjanjian_salin

    sumber = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="keuangan")
    return perjanjian_salin(sumber=sumber, tahun=2025, oleh=admin_org)


@pytest.fixture
def ditandatangani(draf_keuangan, kasubbag_keuangan, sekretaris):
    """That draft signed in the application by both parties."""
    return tandatangani(draf_keuangan, kasubbag_keuangan, sekretaris)


@pytest.fixture
def sandi_cepat(settings):
    """Argon2 takes a tenth of a second per hash; tests that create many accounts opt in to a
    fast hasher (pytestmark = pytest.mark.usefixtures("sandi_cepat"))."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# ---------------------------------------------------------------- realisasi entry


@pytest.fixture
def kepala_teknis(org) -> Pengguna:
    unit = UnitKerja.objects.get(organisasi=org, slug="teknis")
    return pengguna("kepala-teknis-uji", organisasi=org, peran=Pengguna.Peran.KEPALA, unit=unit)


@pytest.fixture
def pimpinan(org) -> Pengguna:
    return pengguna("pimpinan-uji", organisasi=org, peran=Pengguna.Peran.PIMPINAN)


@pytest.fixture(autouse=True)
def ruang_pribadi(settings, tmp_path):
    """Evidence files of each test go to its own folder, never to the repository's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "pribadi"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def jadwal_referensi_terbuka(org):
    """The 2024 reference year with an entry schedule still open (every period closes in 30
    days). Without a schedule its periods closed at their default deadline in early 2025;
    tests about entering values give it one, as an admin would, instead of a frozen clock."""
    from datetime import timedelta

    from django.utils import timezone

    from kinerja.models import JadwalPeriode, Periode

    tutup = timezone.localdate() + timedelta(days=30)
    for periode in Periode:
        JadwalPeriode.objects.create(
            organisasi=org, tahun=2024, periode=periode, tanggal_tutup=tutup
        )
