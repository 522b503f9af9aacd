"""The year's calendar: defaults, an admin's dates, and what is overdue or near (injected date)."""

from datetime import date, timedelta

import pytest

from kinerja.kalender import PENGISIAN, kalender, tenggat_baku, tenggat_perhatian
from kinerja.models import JadwalPeriode, KunciTahun, PembukaanPeriode, Periode, TenggatWaktu
from kinerja.realisasi.periode import periode_kini, status_periode

pytestmark = pytest.mark.django_db


def _tanggal(daftar) -> dict[tuple[str, str], date]:
    return {(t.jenis, t.periode or ""): t.tanggal for t in daftar}


def test_it_gives_every_deadline_a_default(org):
    tanggal = _tanggal(kalender(organisasi=org, tahun=2024))
    assert tanggal == {
        ("tanda_tangan", ""): date(2024, 1, 31),
        # entry: 15 days after the quarter (Organisasi.hari_tutup_baku); verification 10 later
        (PENGISIAN, "tw1"): date(2024, 4, 15),
        ("verifikasi", "tw1"): date(2024, 4, 25),
        (PENGISIAN, "tw2"): date(2024, 7, 15),
        ("verifikasi", "tw2"): date(2024, 7, 25),
        (PENGISIAN, "tw3"): date(2024, 10, 15),
        ("verifikasi", "tw3"): date(2024, 10, 25),
        (PENGISIAN, "tw4"): date(2025, 1, 15),
        ("verifikasi", "tw4"): date(2025, 1, 25),
        (PENGISIAN, "tahunan"): date(2025, 1, 15),
        ("verifikasi", "tahunan"): date(2025, 1, 25),
        ("lakip_internal", ""): date(2025, 2, 28),
        ("lakip", ""): date(2025, 3, 31),  # Perpres 29/2014: three months after the year
    }


def test_it_ends_the_internal_lakip_deadline_on_the_last_day_of_february():
    assert tenggat_baku(jenis="lakip_internal", tahun=2023) == date(2024, 2, 29)


def test_it_takes_the_admins_dates_and_the_periods_schedule(org):
    TenggatWaktu.objects.create(organisasi=org, tahun=2024, jenis="lakip", tanggal="2025-03-15")
    TenggatWaktu.objects.create(
        organisasi=org, tahun=2024, jenis="verifikasi", periode="tw2", tanggal="2024-07-20"
    )
    JadwalPeriode.objects.create(
        organisasi=org, tahun=2024, periode="tw1", tanggal_tutup="2024-04-30"
    )
    daftar = kalender(organisasi=org, tahun=2024)
    tanggal = _tanggal(daftar)
    assert tanggal[("lakip", "")] == date(2025, 3, 15)
    assert tanggal[("verifikasi", "tw2")] == date(2024, 7, 20)
    # The verification default follows the period's own schedule.
    assert tanggal[(PENGISIAN, "tw1")] == date(2024, 4, 30)
    assert tanggal[("verifikasi", "tw1")] == date(2024, 5, 10)
    baku = {(t.jenis, t.periode or ""): t.baku for t in daftar}
    assert (baku[("lakip", "")], baku[("lakip_internal", "")]) == (False, True)
    assert (baku[(PENGISIAN, "tw1")], baku[(PENGISIAN, "tw2")]) == (False, True)


def test_it_refuses_a_verification_deadline_without_a_period(org):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        TenggatWaktu.objects.create(
            organisasi=org, tahun=2024, jenis="verifikasi", tanggal="2024-05-01"
        )


def test_it_reads_the_same_calendar_from_a_units_period_statuses_at_hand(
    org, staf_keuangan, django_assert_num_queries
):
    # Beranda passes the statuses it already has: one unit's, on its own day. A reopening
    # for that unit after the year's lock opens TW II for it alone; the calendar reads only
    # the closing dates and the lock, the same for every unit, so nothing changes.
    from django.utils import timezone

    unit = staf_keuangan.unit_kerja
    JadwalPeriode.objects.create(
        organisasi=org, tahun=2024, periode="tw1", tanggal_tutup="2024-04-30"
    )
    KunciTahun.objects.create(
        organisasi=org, tahun=2024, alasan="final", dikunci_pada=timezone.now() - timedelta(1)
    )
    PembukaanPeriode.objects.create(
        unit_kerja=unit,
        tahun=2024,
        periode="tw2",
        sampai="2025-06-30",
        alasan="koreksi",
        dibuka_pada=timezone.now(),
    )
    status = status_periode(organisasi=org, tahun=2024, unit_kerja=unit, hari_ini=date(2025, 3, 1))
    assert [p for p, s in status.items() if s.terbuka] == [Periode.TW2]
    sendiri = kalender(organisasi=org, tahun=2024, unit_kerja=unit)
    # Two queries fewer: the schedule and the year's lock are not read again.
    with django_assert_num_queries(7):
        diberikan = kalender(organisasi=org, tahun=2024, unit_kerja=unit, status=status)
    assert diberikan == sendiri
    assert all(t.selesai for t in sendiri)  # the year is final


def test_it_marks_what_is_overdue_and_what_is_due_within_a_week(org):
    daftar = kalender(organisasi=org, tahun=2024)
    terlambat, segera = tenggat_perhatian(daftar, hari_ini=date(2024, 4, 20), hari=7)
    # The reference year's 2024 agreement is signed; its quarters were never entered (and
    # the RB score has no yearly value): TW I's entry is overdue, its verification near.
    assert [(t.jenis, t.periode) for t in terlambat] == [(PENGISIAN, "tw1")]
    assert [(t.jenis, t.periode) for t in segera] == [("verifikasi", "tw1")]
    assert [t.jenis for t in daftar if t.selesai] == ["tanda_tangan"]
    assert [t.jenis for t in daftar if not t.baku] == []


def test_it_counts_the_lakip_as_done_when_the_year_is_final(org):
    from django.utils import timezone

    hari_ini = date(2025, 3, 25)
    _, segera = tenggat_perhatian(kalender(organisasi=org, tahun=2024), hari_ini=hari_ini)
    assert [t.jenis for t in segera] == ["lakip"]
    KunciTahun.objects.create(
        organisasi=org, tahun=2024, alasan="final", dikunci_pada=timezone.now()
    )
    terlambat, segera = tenggat_perhatian(kalender(organisasi=org, tahun=2024), hari_ini=hari_ini)
    assert (terlambat, segera) == ([], [])


def test_it_takes_the_period_whose_quarter_ended_last_among_the_open_ones(org):
    # Every period of 2024 open until the end of 2025: in January 2025 TW IV is due, not TW I.
    for periode in Periode:
        JadwalPeriode.objects.create(
            organisasi=org, tahun=2024, periode=periode, tanggal_tutup="2025-12-31"
        )
    status = status_periode(organisasi=org, tahun=2024, hari_ini=date(2025, 1, 5))
    assert periode_kini(status, tahun=2024, hari_ini=date(2025, 1, 5)) == Periode.TW4
    # In May 2024 TW I has ended and TW II is running: TW I.
    status = status_periode(organisasi=org, tahun=2024, hari_ini=date(2024, 5, 5))
    assert periode_kini(status, tahun=2024, hari_ini=date(2024, 5, 5)) == Periode.TW1
    # In February 2024 nothing has ended yet: the quarter in progress.
    status = status_periode(organisasi=org, tahun=2024, hari_ini=date(2024, 2, 5))
    assert periode_kini(status, tahun=2024, hari_ini=date(2024, 2, 5)) == Periode.TW1
