"""A period without a schedule closes at a default deadline (fail closed): the 15th day,
or the organisation's own number of days, after its quarter (the yearly period: its year)
ends. Reproduced before: staff entered 2023 values in November 2026."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from inti.galat import Ditolak
from kinerja.models import Periode, Realisasi
from kinerja.realisasi.periode import periode_buka_kembali, status_periode
from kinerja.realisasi.services.isian import IsianBaris, realisasi_simpan_formulir
from organisasi.models import UnitKerja
from renstra.models import IndikatorKinerja

pytestmark = pytest.mark.django_db


@pytest.fixture
def keuangan(org) -> UnitKerja:
    return UnitKerja.objects.get(organisasi=org, slug="keuangan")


def _terbuka(org, tahun: int, hari_ini: date, unit=None) -> dict[str, bool]:
    status = status_periode(organisasi=org, tahun=tahun, unit_kerja=unit, hari_ini=hari_ini)
    return {str(p): s.terbuka for p, s in status.items()}


def test_it_closes_a_2023_period_without_schedule_in_2026(org):
    assert _terbuka(org, 2023, date(2026, 11, 29)) == {
        "tw1": False,
        "tw2": False,
        "tw3": False,
        "tw4": False,
        "tahunan": False,
    }


def test_it_refuses_to_save_a_2023_value_without_schedule(org, keuangan, staf_keuangan):
    """The reproduction, through the service every path uses (today is after 15-01-2024)."""
    indikator = IndikatorKinerja.objects.get(kode="s9-bmn")
    with pytest.raises(Ditolak, match="sudah ditutup"):
        realisasi_simpan_formulir(
            pengguna=staf_keuangan,
            unit_kerja=keuangan,
            tahun=2023,
            periode="tw1",
            isian=[IsianBaris(indikator=indikator, versi=0, nilai=Decimal("95"))],
        )
    assert not Realisasi.objects.filter(tahun=2023, periode="tw1").exists()


@pytest.mark.parametrize(
    ("periode", "tenggat"),
    [
        ("tw1", date(2024, 4, 15)),
        ("tw2", date(2024, 7, 15)),
        ("tw3", date(2024, 10, 15)),
        ("tw4", date(2025, 1, 15)),
        ("tahunan", date(2025, 1, 15)),
    ],
)
def test_it_keeps_a_period_open_until_its_default_deadline(org, periode, tenggat):
    assert _terbuka(org, 2024, tenggat)[periode]
    assert not _terbuka(org, 2024, tenggat + timedelta(days=1))[periode]
    status = status_periode(organisasi=org, tahun=2024, hari_ini=tenggat)
    assert status[Periode(periode)].tanggal_tutup == tenggat


def test_it_takes_the_organisations_own_number_of_days(org):
    org.hari_tutup_baku = 30
    org.save(update_fields=["hari_tutup_baku"])
    assert _terbuka(org, 2024, date(2024, 4, 30))["tw1"]
    assert not _terbuka(org, 2024, date(2024, 5, 1))["tw1"]
    org.hari_tutup_baku = 0
    assert not _terbuka(org, 2024, date(2024, 4, 1))["tw1"]


def test_it_lets_an_admin_reopen_a_period_closed_by_default(org, keuangan, admin_org):
    assert not _terbuka(org, 2023, date.today(), keuangan)["tw1"]
    periode_buka_kembali(
        pengguna=admin_org,
        unit_kerja=keuangan,
        tahun=2023,
        periode="tw1",
        alasan="Koreksi data 2023 atas temuan BPK",
        sampai=date.today() + timedelta(days=3),
    )
    assert _terbuka(org, 2023, date.today(), keuangan)["tw1"]
    assert not _terbuka(org, 2023, date.today())["tw2"]
