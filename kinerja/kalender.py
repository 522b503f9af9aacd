"""The year's calendar: when agreements are signed, values entered and verified, the LAKIP
written and sent, with defaults an admin may override per organisation and year.

The entry deadline is the period's schedule (JadwalPeriode, else Organisasi.hari_tutup_baku
days after the quarter: kinerja/realisasi/periode.py); every other deadline is a TenggatWaktu
row, else its default below. The LAKIP's deadlines live here as plain dates rather than in
laporan because kinerja cannot import laporan and the reminders, which need every deadline,
are kinerja's; "done" for the LAKIP is the year's lock, which is kinerja's too.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from kinerja.models import Periode, PerjanjianKinerja, Realisasi, TenggatWaktu
from kinerja.realisasi.periode import (
    PERIODE_URUT,
    StatusPeriode,
    status_periode,
    tanggal_tutup_baku,
)
from kinerja.realisasi.selectors import indikator_unit
from organisasi.models import Organisasi, UnitKerja

PENGISIAN = "pengisian"  # the entry deadline: a JadwalPeriode, not a TenggatWaktu row
HARI_VERIFIKASI = 10  # default: heads verify within 10 days after entry closes
Jenis = TenggatWaktu.Jenis


def tenggat_baku(*, jenis: str, tahun: int, tutup_pengisian: date | None = None) -> date:
    """A deadline's default: signing within the budget year's first month (31 January),
    verification HARI_VERIFIKASI days after the period's entry closes, the LAKIP by the end of
    February internally and by 31 March legally (Perpres 29/2014: three months after the year
    ends; KPU asks for it earlier)."""
    if jenis == Jenis.TANDA_TANGAN:
        return date(tahun, 1, 31)
    if jenis == Jenis.VERIFIKASI:
        if tutup_pengisian is None:
            raise ValueError("the verification default needs the entry deadline")
        return tutup_pengisian + timedelta(days=HARI_VERIFIKASI)
    if jenis == Jenis.LAKIP_INTERNAL:
        return date(tahun + 1, 2, calendar.monthrange(tahun + 1, 2)[1])
    if jenis == Jenis.LAKIP:
        return date(tahun + 1, 3, 31)
    raise ValueError(f"no default for {jenis!r}")


@dataclass(frozen=True)
class Tenggat:
    jenis: str  # a TenggatWaktu.Jenis value, or PENGISIAN
    tahun: int
    periode: Periode | None
    tanggal: date
    baku: bool  # the default, not set by an admin
    selesai: bool  # the job is done: nothing left to chase

    @property
    def nama(self) -> str:
        if self.jenis == PENGISIAN:
            judul = "Batas pengisian realisasi"
        else:
            judul = str(Jenis(self.jenis).label)
        periode = f" {self.periode.label}" if self.periode else ""
        return f"{judul}{periode} {self.tahun}"

    @property
    def kunci(self) -> str:
        """Identifies the deadline in the record of reminders sent."""
        return f"{self.jenis}:{self.tahun}:{self.periode or ''}"


def kalender(
    *,
    organisasi: Organisasi,
    tahun: int,
    unit_kerja: UnitKerja | None = None,
    status: dict[Periode, StatusPeriode] | None = None,
) -> list[Tenggat]:
    """Every deadline of a year, by date, each with whether its job is done (for one unit
    when a unit is given: its values entered and verified). Eleven queries, two fewer with
    `status`: the year's status_periode when the caller has it at hand (Beranda). Only each
    period's closing date and the year's lock are read from it, and those are the same for
    every unit and every day, so any unit's statuses of this organisation and year will do.
    """
    if status is None:
        status = status_periode(organisasi=organisasi, tahun=tahun)
    diatur = {
        (t.jenis, t.periode): t.tanggal
        for t in TenggatWaktu.objects.filter(organisasi=organisasi, tahun=tahun)
    }
    jumlah_indikator = len(
        indikator_unit(organisasi=organisasi, tahun=tahun, unit_kerja=unit_kerja)
    )
    diajukan, diverifikasi = _jumlah_per_periode(organisasi, tahun, unit_kerja)
    final = next(iter(status.values())).kunci_tahun is not None
    ditandatangani = PerjanjianKinerja.objects.filter(
        organisasi=organisasi,
        tahun=tahun,
        unit_kerja__isnull=True,
        status=PerjanjianKinerja.Status.DITANDATANGANI,
    ).exists()

    daftar = [_tenggat(diatur, Jenis.TANDA_TANGAN, tahun, ditandatangani)]
    for periode, s in status.items():
        daftar += _tenggat_periode(
            organisasi,
            tahun,
            periode,
            s.tanggal_tutup,
            diatur,
            diisi=final or diajukan[periode] >= jumlah_indikator,
            diverifikasi=final or diverifikasi[periode] >= jumlah_indikator,
        )
    daftar += [
        _tenggat(diatur, Jenis.LAKIP_INTERNAL, tahun, final),
        _tenggat(diatur, Jenis.LAKIP, tahun, final),
    ]
    return sorted(daftar, key=lambda t: t.tanggal)


def _jumlah_per_periode(
    organisasi: Organisasi, tahun: int, unit_kerja: UnitKerja | None
) -> tuple[dict[str, int], dict[str, int]]:
    """Per period: the units' values submitted (or verified), and those verified."""
    realisasi = Realisasi.objects.filter(
        tahun=tahun,
        indikator__sasaran__renstra__organisasi=organisasi,
        indikator__unit_kerja__isnull=False,
    )
    if unit_kerja is not None:
        realisasi = realisasi.filter(indikator__unit_kerja=unit_kerja)
    diajukan: dict[str, int] = dict.fromkeys(PERIODE_URUT, 0)
    diverifikasi: dict[str, int] = dict.fromkeys(PERIODE_URUT, 0)
    for kode, keadaan in realisasi.values_list("periode", "status"):
        if keadaan in (Realisasi.Status.DIAJUKAN, Realisasi.Status.DIVERIFIKASI):
            diajukan[kode] += 1
        if keadaan == Realisasi.Status.DIVERIFIKASI:
            diverifikasi[kode] += 1
    return diajukan, diverifikasi


def _tenggat_periode(
    organisasi: Organisasi,
    tahun: int,
    periode: Periode,
    tutup: date,
    diatur: dict[tuple[str, str], date],
    *,
    diisi: bool,
    diverifikasi: bool,
) -> list[Tenggat]:
    """A period's entry deadline (its schedule, `tutup`) and its verification deadline."""
    baku = tanggal_tutup_baku(tahun=tahun, periode=periode, hari=organisasi.hari_tutup_baku)
    return [
        Tenggat(
            jenis=PENGISIAN,
            tahun=tahun,
            periode=periode,
            tanggal=tutup,
            baku=tutup == baku,
            selesai=diisi,
        ),
        _tenggat(diatur, Jenis.VERIFIKASI, tahun, diverifikasi, periode, tutup_pengisian=tutup),
    ]


def _tenggat(
    diatur: dict[tuple[str, str], date],
    jenis: str,
    tahun: int,
    selesai: bool,
    periode: Periode | None = None,
    tutup_pengisian: date | None = None,
) -> Tenggat:
    """A deadline as the admin set it (`diatur`: a TenggatWaktu row), else its default."""
    tanggal = diatur.get((jenis, periode or ""))
    return Tenggat(
        jenis=jenis,
        tahun=tahun,
        periode=periode,
        tanggal=tanggal or tenggat_baku(jenis=jenis, tahun=tahun, tutup_pengisian=tutup_pengisian),
        baku=tanggal is None,
        selesai=selesai,
    )


def tenggat_perhatian(
    daftar: list[Tenggat], *, hari_ini: date | None = None, hari: int = 7
) -> tuple[list[Tenggat], list[Tenggat]]:
    """The deadlines to chase: those passed with their job undone (overdue), and those due
    within `hari` days (today included)."""
    hari_ini = hari_ini or timezone.localdate()
    terbuka = [t for t in daftar if not t.selesai]
    terlambat = [t for t in terbuka if t.tanggal < hari_ini]
    segera = [t for t in terbuka if hari_ini <= t.tanggal <= hari_ini + timedelta(days=hari)]
    return terlambat, segera
