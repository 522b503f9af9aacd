"""Beranda's content, ordered by urgency, as plain data.

First what blocks others (an agreement waiting for this person's signature, values waiting
for their verification, values returned to them), then what is due soonest (overdue and
near deadlines, the period due now), then everything else (other periods, every unit's
progress and the charts). The template renders `bagian` in the order given here.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from anggaran.selectors import RealisasiAnggaran, realisasi_anggaran
from evaluasi.models import Rekomendasi
from evaluasi.selectors import HasilEvaluasi, evaluasi_selesai_terakhir, rekomendasi_terbuka
from kinerja.capaian import CapaianSasaran, capaian_per_sasaran, skala_renstra, tabel_capaian
from kinerja.models import Periode, PerjanjianKinerja, SkalaPenilaian
from kinerja.realisasi.periode import (
    StatusPeriode,
    periode_kini,
    status_periode,
    tahun_berjalan,
    tanggal_tutup_baku,
)
from kinerja.realisasi.selectors import (
    BarisIsian,
    FormulirRealisasi,
    MenungguVerifikasi,
    ProgresUnit,
    formulir_realisasi,
    menunggu_verifikasi,
    progres_unit,
)
from kinerja.tugas import Tugas, tugas_mendesak, tugas_tenggat
from organisasi.akses import is_admin, is_pimpinan
from organisasi.models import Organisasi, Pengguna, UnitKerja

MENDESAK = "mendesak"  # blocks others: signatures, verifications, returned values
TENGGAT = "tenggat"  # overdue and due within a week
ISIAN = "isian"  # the period due now: what the unit still has to enter
EVALUASI = "evaluasi"  # the latest LKE result and the recommendations still open
PANTAUAN = "pantauan"  # every unit's waiting values and progress, the charts
HARI_TENGGAT = 7


@dataclass
class Beranda:
    organisasi: Organisasi | None
    tahun: int | None = None
    periode: Periode | None = None
    status: dict[Periode, StatusPeriode] = field(default_factory=dict)
    mendesak: list[Tugas] = field(default_factory=list)
    tenggat: list[Tugas] = field(default_factory=list)
    formulir: FormulirRealisasi | None = None
    belum_diisi: list[BarisIsian] = field(default_factory=list)
    periode_lain: list[Periode] = field(default_factory=list)  # other open periods
    menunggu_semua: list[MenungguVerifikasi] | None = None  # admins and pimpinan
    progres: list[ProgresUnit] | None = None
    capaian_sasaran: list[CapaianSasaran] | None = None
    anggaran: RealisasiAnggaran | None = None
    rekomendasi: list[Rekomendasi] = field(default_factory=list)
    lke: HasilEvaluasi | None = None  # admins and pimpinan
    bagian: list[str] = field(default_factory=list)


def beranda_pengguna(
    *,
    pengguna: Pengguna,
    tahun: int | None = None,
    periode: Periode | None = None,
    hari_ini: date | None = None,
) -> Beranda:
    """Beranda of one person; `tahun` and `periode` as chosen on the page, else the year
    and period due now."""
    hari_ini = hari_ini or timezone.localdate()
    organisasi = pengguna.organisasi
    b = Beranda(organisasi=organisasi)
    if organisasi is None:
        return b
    unit = (
        pengguna.unit_kerja
        if pengguna.peran in (Pengguna.Peran.STAF, Pengguna.Peran.KEPALA)
        else None
    )
    dipilih = tahun is not None
    tahun = tahun or tahun_berjalan(organisasi=organisasi, hari_ini=hari_ini)
    if tahun is None:
        b.mendesak = tugas_mendesak(pengguna=pengguna, tahun=None)
        b.bagian = [MENDESAK]
        return b
    b.status = status_periode(
        organisasi=organisasi, tahun=tahun, unit_kerja=unit, hari_ini=hari_ini
    )
    if not dipilih and unit is not None:
        # In January the last year's TW IV may still be open while this year's TW I runs.
        tahun, b.status = _tahun_entri(organisasi, unit, tahun, b.status, hari_ini)
    b.tahun = tahun
    b.periode = periode or periode_kini(b.status, tahun=tahun, hari_ini=hari_ini)
    b.mendesak = tugas_mendesak(pengguna=pengguna, tahun=tahun)
    # The calendar reads the period statuses already at hand instead of asking again.
    b.tenggat = tugas_tenggat(
        pengguna=pengguna, tahun=tahun, hari_ini=hari_ini, hari=HARI_TENGGAT, status=b.status
    )
    b.periode_lain = [p for p, s in b.status.items() if s.terbuka and p != b.periode]
    if unit is not None and b.periode is not None:
        _isian(b, organisasi, unit, tahun, b.periode, hari_ini)
    b.rekomendasi = [
        r
        for r in rekomendasi_terbuka(organisasi=organisasi)
        if unit is None or r.penanggung_jawab_id in (None, unit.pk)
    ]
    if is_admin(pengguna) or is_pimpinan(pengguna):
        _pantauan(b, organisasi, tahun)
    b.bagian = [MENDESAK, TENGGAT, ISIAN, EVALUASI, PANTAUAN]
    return b


def _isian(
    b: Beranda,
    organisasi: Organisasi,
    unit: UnitKerja,
    tahun: int,
    periode: Periode,
    hari_ini: date,
) -> None:
    """The unit's form of the period due now, and what it still has to enter."""
    b.formulir = formulir_realisasi(
        organisasi=organisasi, unit_kerja=unit, tahun=tahun, periode=periode, hari_ini=hari_ini
    )
    b.belum_diisi = [r for r in b.formulir.baris if r.realisasi is None]


def _pantauan(b: Beranda, organisasi: Organisasi, tahun: int) -> None:
    """What admins and pimpinan watch: the LKE, every unit's waiting values and progress,
    the capaian per sasaran and the budget."""
    b.lke = evaluasi_selesai_terakhir(organisasi=organisasi, tahun=tahun)
    b.menunggu_semua = menunggu_verifikasi(organisasi=organisasi)
    if b.periode is not None:
        b.progres = progres_unit(organisasi=organisasi, tahun=tahun, periode=b.periode)
    tabel = tabel_capaian(organisasi=organisasi, tahun=tahun)
    b.capaian_sasaran = capaian_per_sasaran(tabel)
    b.anggaran = realisasi_anggaran(
        organisasi=organisasi,
        tahun=tahun,
        skala=skala_renstra(tabel.renstra, SkalaPenilaian.Jenis.ANGGARAN),
    )


def _tahun_entri(
    organisasi: Organisasi,
    unit: UnitKerja,
    tahun: int,
    status: dict[Periode, StatusPeriode],
    hari_ini: date,
) -> tuple[int, dict[Periode, StatusPeriode]]:
    """The previous year when one of its ended periods is still open for entry and the
    current year has none ended yet (the last year's TW IV in January)."""
    if any(
        s.terbuka and tanggal_tutup_baku(tahun=tahun, periode=p, hari=0) < hari_ini
        for p, s in status.items()
    ):
        return tahun, status
    lalu = tahun - 1
    if not PerjanjianKinerja.objects.filter(
        organisasi=organisasi, tahun=lalu, unit_kerja__isnull=True
    ).exists():
        return tahun, status
    status_lalu = status_periode(
        organisasi=organisasi, tahun=lalu, unit_kerja=unit, hari_ini=hari_ini
    )
    if any(s.terbuka for s in status_lalu.values()):
        return lalu, status_lalu
    return tahun, status
