"""What waits for one person: the work that blocks others (a signature, a verification, a
returned value) and the deadlines to chase. Beranda shows it; the daily reminders mail it."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import formats, timezone, translation

from kinerja.kalender import PENGISIAN, Tenggat, kalender, tenggat_perhatian
from kinerja.models import Periode, TenggatWaktu
from kinerja.perjanjian.selectors import perjanjian_giliran_tanda_tangan
from kinerja.realisasi.periode import StatusPeriode
from kinerja.realisasi.selectors import menunggu_verifikasi, realisasi_dikembalikan
from organisasi.models import Pengguna

TANDA_TANGAN = "tanda_tangan"
VERIFIKASI = "verifikasi"
DIKEMBALIKAN = "dikembalikan"
TENGGAT = "tenggat"

# Which deadlines each role chases: staff enter, heads enter and verify, the others all.
_TENGGAT_PERAN: dict[str, set[str]] = {
    Pengguna.Peran.STAF: {PENGISIAN},
    Pengguna.Peran.KEPALA: {PENGISIAN, TenggatWaktu.Jenis.VERIFIKASI},
}


@dataclass(frozen=True)
class Tugas:
    jenis: str  # TANDA_TANGAN, VERIFIKASI, DIKEMBALIKAN or TENGGAT
    kunci: str  # the object it is about: one reminder a day per person and object
    judul: str
    keterangan: str
    url: str
    tanggal: date | None = None
    terlambat: bool = False


def tugas_mendesak(*, pengguna: Pengguna, tahun: int | None) -> list[Tugas]:
    """What blocks others, in this order: agreements waiting for this person's signature,
    values waiting for their verification, values returned to them."""
    tugas = [
        Tugas(
            jenis=TANDA_TANGAN,
            kunci=f"perjanjian:{p.pk}",
            judul="Menunggu tanda tangan Anda",
            keterangan=str(p),
            url=reverse("perjanjian_tandatangani", args=[p.pk]),
        )
        for p in perjanjian_giliran_tanda_tangan(pengguna=pengguna)
    ]
    unit = pengguna.unit_kerja
    if pengguna.peran == Pengguna.Peran.KEPALA and unit is not None:
        tugas += [
            Tugas(
                jenis=VERIFIKASI,
                kunci=f"verifikasi:{m.unit_kerja.pk}:{m.tahun}:{m.periode.value}",
                judul=f"{m.jumlah} nilai menunggu verifikasi Anda",
                keterangan=f"{m.unit_kerja.nama} · {m.periode.label} {m.tahun}",
                url=reverse(
                    "kinerja:verifikasi",
                    args=[unit.organisasi.slug, unit.slug, m.tahun, m.periode.value],
                ),
            )
            for m in menunggu_verifikasi(organisasi=unit.organisasi, unit_kerja=unit)
        ]
    if pengguna.peran == Pengguna.Peran.STAF and unit is not None and tahun is not None:
        tugas += [
            Tugas(
                jenis=DIKEMBALIKAN,
                kunci=f"realisasi:{r.pk}",
                judul=f"Dikembalikan untuk diperbaiki: {r.indikator.nama}",
                keterangan=f"{r.get_periode_display()} {r.tahun}: {r.catatan_verifikasi}",
                url=reverse(
                    "kinerja:isi", args=[unit.organisasi.slug, unit.slug, r.tahun, r.periode]
                ),
            )
            for r in realisasi_dikembalikan(unit_kerja=unit, tahun=tahun)
        ]
    return tugas


def tugas_tenggat(
    *,
    pengguna: Pengguna,
    tahun: int,
    hari_ini: date | None = None,
    hari: int = 7,
    status: dict[Periode, StatusPeriode] | None = None,
) -> list[Tugas]:
    """The deadlines of the year this person chases: overdue first, then those due within
    `hari` days, each by date. `status`: the year's period statuses, when at hand (see
    kinerja.kalender.kalender)."""
    hari_ini = hari_ini or timezone.localdate()
    organisasi = pengguna.organisasi
    if organisasi is None:
        return []
    unit = pengguna.unit_kerja if pengguna.peran in _TENGGAT_PERAN else None
    jenis = _TENGGAT_PERAN.get(pengguna.peran)
    daftar = [
        t
        for t in kalender(organisasi=organisasi, tahun=tahun, unit_kerja=unit, status=status)
        if jenis is None or t.jenis in jenis
    ]
    terlambat, segera = tenggat_perhatian(daftar, hari_ini=hari_ini, hari=hari)
    return [_tugas_tenggat(t, pengguna, terlambat=True) for t in terlambat] + [
        _tugas_tenggat(t, pengguna, terlambat=False) for t in segera
    ]


def _tugas_tenggat(t: Tenggat, pengguna: Pengguna, *, terlambat: bool) -> Tugas:
    unit = pengguna.unit_kerja
    url = ""
    if unit is not None and t.periode is not None:
        nama = "kinerja:verifikasi" if t.jenis == TenggatWaktu.Jenis.VERIFIKASI else "kinerja:isi"
        url = reverse(nama, args=[unit.organisasi.slug, unit.slug, t.tahun, t.periode.value])
    with translation.override("id"):
        tanggal = formats.date_format(t.tanggal, "j F Y")
    return Tugas(
        jenis=TENGGAT,
        kunci=t.kunci,
        judul=t.nama,
        keterangan=f"terlambat sejak {tanggal}" if terlambat else f"paling lambat {tanggal}",
        url=url,
        tanggal=t.tanggal,
        terlambat=terlambat,
    )
