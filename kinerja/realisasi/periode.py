"""Entry periods: which are open, for whom, and the admin's reopening and the year's lock."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models, transaction
from django.utils import timezone

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import (
    PERIODE_TRIWULAN,
    JadwalPeriode,
    KunciTahun,
    PembukaanPeriode,
    Periode,
    PerjanjianKinerja,
    Realisasi,
)
from organisasi.akses import is_admin_organisasi
from organisasi.models import Organisasi, Pengguna, UnitKerja
from renstra.models import IndikatorKinerja

PERIODE_URUT: tuple[Periode, ...] = (*PERIODE_TRIWULAN, Periode.TAHUNAN)
STATUS_DAPAT_DIUBAH = (Realisasi.Status.DRAF, Realisasi.Status.DIKEMBALIKAN)


@dataclass(frozen=True)
class StatusPeriode:
    """Whether a period is open for entry (for one unit, when a unit is given)."""

    periode: Periode
    tanggal_tutup: date  # from the schedule (JadwalPeriode) or else the default deadline
    kunci_tahun: KunciTahun | None
    pembukaan: PembukaanPeriode | None  # an admin's reopening still in force
    terbuka: bool

    @property
    def label(self) -> str:
        return str(self.periode.label)


def pesan_tertutup(periode: Periode, tahun: int, *, untuk: str) -> str:
    return (
        f"{periode.label} {tahun} sudah ditutup untuk {untuk}; hanya admin yang dapat "
        "membukanya kembali."
    )


def pastikan_terbuka(status: StatusPeriode, *, tahun: int, untuk: str) -> None:
    """The one rule of every entry path (the form, submitting, returning, the spreadsheet
    import): nothing is written into a closed period. `untuk` names the unit."""
    if not status.terbuka:
        raise Ditolak(pesan_tertutup(status.periode, tahun, untuk=untuk))


def status_periode(
    *,
    organisasi: Organisasi,
    tahun: int,
    unit_kerja: UnitKerja | None = None,
    hari_ini: date | None = None,
) -> dict[Periode, StatusPeriode]:
    """Every period of the year, in order. Three queries.

    A period is closed after its closing date and when the year is locked (report final);
    an admin's reopening for the unit holds until its end date unless the year was locked
    after it was made. A period with no schedule closes at its default deadline
    (tanggal_tutup_baku): it never stays open for ever.
    """
    hari_ini = hari_ini or timezone.localdate()
    tutup, kunci = _jadwal_dan_kunci(organisasi, tahun)
    pembukaan = (
        _pembukaan_unit([unit_kerja.pk], tahun, kunci, hari_ini).get(unit_kerja.pk, {})
        if unit_kerja is not None
        else {}
    )
    return {
        periode: _status(periode, tutup, kunci, pembukaan, hari_ini) for periode in PERIODE_URUT
    }


def status_periode_unit(
    *,
    organisasi: Organisasi,
    tahun: int,
    periode: str,
    unit_ids: list[int],
    hari_ini: date | None = None,
) -> dict[int, StatusPeriode]:
    """One period's status for several units at once (unit pk -> status). Three queries,
    however many units: an import that spans the organisation asks this once."""
    hari_ini = hari_ini or timezone.localdate()
    tutup, kunci = _jadwal_dan_kunci(organisasi, tahun)
    pembukaan = _pembukaan_unit(unit_ids, tahun, kunci, hari_ini)
    return {
        pk: _status(Periode(periode), tutup, kunci, pembukaan.get(pk, {}), hari_ini)
        for pk in unit_ids
    }


def tanggal_tutup_baku(*, tahun: int, periode: Periode, hari: int) -> date:
    """The closing date of a period without a schedule: `hari` days after its quarter ends
    (the yearly period: after the year ends). Fail closed, never open for ever."""
    if periode == Periode.TAHUNAN:
        akhir = date(tahun, 12, 31)
    else:
        bulan = 3 * (PERIODE_TRIWULAN.index(periode) + 1)
        akhir = date(tahun + bulan // 12, bulan % 12 + 1, 1) - timedelta(days=1)
    return akhir + timedelta(days=hari)


def _jadwal_dan_kunci(
    organisasi: Organisasi, tahun: int
) -> tuple[dict[str, date], KunciTahun | None]:
    tutup: dict[str, date] = {
        periode.value: tanggal_tutup_baku(
            tahun=tahun, periode=periode, hari=organisasi.hari_tutup_baku
        )
        for periode in PERIODE_URUT
    }
    tutup.update(
        JadwalPeriode.objects.filter(organisasi=organisasi, tahun=tahun).values_list(
            "periode", "tanggal_tutup"
        )
    )
    kunci = KunciTahun.objects.filter(organisasi=organisasi, tahun=tahun).first()
    return tutup, kunci


def _pembukaan_unit(
    unit_ids: list[int], tahun: int, kunci: KunciTahun | None, hari_ini: date
) -> dict[int, dict[str, PembukaanPeriode]]:
    """Reopenings in force per unit and period; those made before the year's lock lapse."""
    pembukaan: dict[int, dict[str, PembukaanPeriode]] = defaultdict(dict)
    for p in PembukaanPeriode.objects.filter(
        unit_kerja_id__in=unit_ids, tahun=tahun, sampai__gte=hari_ini
    ).order_by("dibuka_pada"):
        if kunci is None or p.dibuka_pada > kunci.dikunci_pada:
            pembukaan[p.unit_kerja_id][p.periode] = p
    return pembukaan


def _status(
    periode: Periode,
    tutup: dict[str, date],
    kunci: KunciTahun | None,
    pembukaan: dict[str, PembukaanPeriode],
    hari_ini: date,
) -> StatusPeriode:
    tanggal = tutup[periode]
    terbuka_jadwal = kunci is None and hari_ini <= tanggal
    buka = pembukaan.get(periode)
    return StatusPeriode(
        periode=periode,
        tanggal_tutup=tanggal,
        kunci_tahun=kunci,
        pembukaan=buka,
        terbuka=terbuka_jadwal or buka is not None,
    )


def periode_terbuka(status: dict[Periode, StatusPeriode]) -> Periode | None:
    """The open period: the earliest one not closed yet."""
    return next((p for p, s in status.items() if s.terbuka), None)


def periode_kini(
    status: dict[Periode, StatusPeriode], *, tahun: int, hari_ini: date | None = None
) -> Periode | None:
    """The open period due now: the one whose quarter ended most recently (values are entered
    after a quarter ends, and TW IV comes before the yearly value that ends the same day), or,
    when no open period has ended yet, the earliest open one (the quarter in progress). Staff
    entering TW IV while TW I is still open see TW IV."""
    hari_ini = hari_ini or timezone.localdate()
    terbuka = [p for p, s in status.items() if s.terbuka]
    berakhir = [p for p in terbuka if tanggal_tutup_baku(tahun=tahun, periode=p, hari=0) < hari_ini]
    if berakhir:
        return max(berakhir, key=lambda p: tanggal_tutup_baku(tahun=tahun, periode=p, hari=0))
    return terbuka[0] if terbuka else None


def tahun_berjalan(*, organisasi: Organisasi, hari_ini: date | None = None) -> int | None:
    """This year when it has an agreement, else the latest year that has one."""
    hari_ini = hari_ini or timezone.localdate()
    tahun = list(
        PerjanjianKinerja.objects.filter(organisasi=organisasi, unit_kerja__isnull=True)
        .values_list("tahun", flat=True)
        .distinct()
        .order_by("-tahun")
    )
    if hari_ini.year in tahun:
        return hari_ini.year
    lampau = [t for t in tahun if t < hari_ini.year]
    pilihan = lampau or tahun
    return pilihan[0] if pilihan else None


def simpan_tercatat(obj: models.Model, *, alasan: str, pengguna: Pengguna | None) -> None:
    """Validate and save a model with history, recording who did it and why."""
    obj.full_clean()
    # simple_history reads both off the instance when it writes the history row.
    obj._change_reason = alasan  # type: ignore[attr-defined]
    obj._history_user = pengguna  # type: ignore[attr-defined]
    obj.save()


@transaction.atomic
def periode_buka_kembali(
    *,
    pengguna: Pengguna,
    unit_kerja: UnitKerja,
    tahun: int,
    periode: str,
    alasan: str,
    sampai: date,
) -> PembukaanPeriode:
    """An admin reopens one unit's closed period until `sampai`, for a stated reason."""
    alasan = _pastikan_pembukaan(pengguna, unit_kerja.organisasi_id, alasan, sampai)
    pembukaan = PembukaanPeriode(
        unit_kerja=unit_kerja,
        tahun=tahun,
        periode=periode,
        sampai=sampai,
        alasan=alasan,
        dibuka_oleh=pengguna,
        dibuka_pada=timezone.now(),
    )
    simpan_tercatat(pembukaan, alasan=alasan, pengguna=pengguna)
    return pembukaan


def _pastikan_pembukaan(pengguna: Pengguna, organisasi_id: int, alasan: str, sampai: date) -> str:
    if not is_admin_organisasi(pengguna, organisasi_id):
        raise TidakBerwenang("Hanya admin yang dapat membuka kembali periode.")
    alasan = alasan.strip()
    if not alasan:
        raise Ditolak("Tulis alasan membuka kembali periode.")
    if sampai < timezone.localdate():
        raise Ditolak("Tanggal akhir tidak boleh sebelum hari ini.")
    return alasan


@transaction.atomic
def periode_buka_kembali_tahun(
    *, pengguna: Pengguna, organisasi: Organisasi, tahun: int, alasan: str, sampai: date
) -> list[PembukaanPeriode]:
    """An admin reopens every period of a year for every unit of the organisation until
    `sampai`, in one action with one reason: one reopening per unit and period, each in the
    history with that reason, as if reopened one by one."""
    alasan = _pastikan_pembukaan(pengguna, organisasi.pk, alasan, sampai)
    sekarang = timezone.now()
    pembukaan = [
        PembukaanPeriode(
            unit_kerja=unit,
            tahun=tahun,
            periode=periode,
            sampai=sampai,
            alasan=alasan,
            dibuka_oleh=pengguna,
            dibuka_pada=sekarang,
        )
        for unit in UnitKerja.objects.filter(organisasi=organisasi)
        for periode in PERIODE_URUT
    ]
    for p in pembukaan:
        simpan_tercatat(p, alasan=alasan, pengguna=pengguna)
    return pembukaan


@transaction.atomic
def periode_buka_kunci_tahun(
    *, organisasi: Organisasi, tahun: int, alasan: str, pengguna: Pengguna
) -> KunciTahun | None:
    """Lift the year's lock: its report is final no more (laporan_buka_kembali). The lock goes
    into the history with the reason; the periods follow their schedule again and stay closed
    once it has passed, until an admin reopens them (periode_buka_kembali_tahun)."""
    if not is_admin_organisasi(pengguna, organisasi.pk):
        raise TidakBerwenang("Hanya admin yang dapat membuka kunci tahun.")
    alasan = alasan.strip()
    if not alasan:
        raise Ditolak("Tulis alasan membuka kunci tahun.")
    kunci = KunciTahun.objects.filter(organisasi=organisasi, tahun=tahun).first()
    if kunci is None:
        return None
    kunci._change_reason = alasan  # type: ignore[attr-defined]
    kunci._history_user = pengguna  # type: ignore[attr-defined]
    kunci.delete()
    return kunci


@transaction.atomic
def periode_kunci_tahun(
    *, organisasi: Organisasi, tahun: int, alasan: str, pengguna: Pengguna
) -> KunciTahun:
    """Close every period of a year for every unit (the report is final).

    Idempotent: locking a locked year returns the existing lock. Reopenings made before
    the lock stop counting; an admin may still reopen a unit's period afterwards. Only an
    admin of the organisation locks (laporan_finalkan passes the one who finalises).
    """
    if not is_admin_organisasi(pengguna, organisasi.pk):
        raise TidakBerwenang("Hanya admin yang dapat mengunci tahun.")
    alasan = alasan.strip()
    if not alasan:
        raise Ditolak("Tulis alasan mengunci tahun.")
    kunci = KunciTahun.objects.filter(organisasi=organisasi, tahun=tahun).first()
    if kunci is not None:
        return kunci
    kunci = KunciTahun(
        organisasi=organisasi,
        tahun=tahun,
        alasan=alasan,
        dikunci_oleh=pengguna,
        dikunci_pada=timezone.now(),
    )
    simpan_tercatat(kunci, alasan=alasan, pengguna=pengguna)
    return kunci


def pesan_periode_tertutup(*, indikator: IndikatorKinerja, tahun: int, periode: str) -> str | None:
    """Why a realisasi of this indicator, year and period may not be written now (None: it may)."""
    unit = indikator.unit_kerja
    organisasi = indikator.sasaran.renstra.organisasi
    status = status_periode(organisasi=organisasi, tahun=tahun, unit_kerja=unit)[Periode(periode)]
    if status.terbuka:
        return None
    sebab = " (laporan tahun ini sudah final)" if status.kunci_tahun else ""
    return (
        f"{Periode(periode).label} {tahun} sudah ditutup"
        + (f" untuk {unit.nama}" if unit else "")
        + f"{sebab}; buka kembali periodenya lebih dulu."
    )


def pastikan_periode_terbuka(*, indikator: IndikatorKinerja, tahun: int, periode: str) -> None:
    """The one rule for writes outside the entry services (the admin's change, add, delete,
    history and import): a final report locks its year, so a value it printed cannot change
    behind it; an admin reopens the unit's period with a reason first."""
    pesan = pesan_periode_tertutup(indikator=indikator, tahun=tahun, periode=periode)
    if pesan:
        raise Ditolak(pesan)


@transaction.atomic
def jadwal_tahun_atur(
    *, organisasi: Organisasi, tahun: int, tanggal_tutup: date, alasan: str
) -> list[JadwalPeriode]:
    """Give every period of a year the same closing date, with history (an admin opening a
    year for entry, or the demo opening the reference year)."""
    if not alasan.strip():
        raise Ditolak("Tulis alasan mengatur jadwal pengisian.")
    jadwal = []
    for periode in PERIODE_URUT:
        j, _ = JadwalPeriode.objects.get_or_create(
            organisasi=organisasi,
            tahun=tahun,
            periode=periode,
            defaults={"tanggal_tutup": tanggal_tutup},
        )
        j.tanggal_tutup = tanggal_tutup
        simpan_tercatat(j, alasan=alasan, pengguna=None)
        jadwal.append(j)
    return jadwal


@transaction.atomic
def jadwal_tahun_buka(
    *, organisasi: Organisasi, tahun: int, alasan: str, pengguna: Pengguna | None
) -> list[JadwalPeriode]:
    """Give each period of a year that has no schedule yet its default closing date
    (tanggal_tutup_baku), with history: the year's calendar written down where the admin
    sees and can move it. A period already scheduled keeps its date; returns those created."""
    if not alasan.strip():
        raise Ditolak("Tulis alasan mengatur jadwal pengisian.")
    ada = set(
        JadwalPeriode.objects.filter(organisasi=organisasi, tahun=tahun).values_list(
            "periode", flat=True
        )
    )
    dibuat = []
    for periode in PERIODE_URUT:
        if periode in ada:
            continue
        j = JadwalPeriode(
            organisasi=organisasi,
            tahun=tahun,
            periode=periode,
            tanggal_tutup=tanggal_tutup_baku(
                tahun=tahun, periode=periode, hari=organisasi.hari_tutup_baku
            ),
        )
        simpan_tercatat(j, alasan=alasan, pengguna=pengguna)
        dibuat.append(j)
    return dibuat
