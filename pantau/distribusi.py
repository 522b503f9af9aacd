"""Per indicator: how a catalogue indicator fares across the satker below an organisation.

Satker made from the KPU template carry the same indicator codes, so an indicator is known
across them by its code (IndikatorKinerja.kode). For each code: how many satker have it in
their agreement in force, how many of them have a capaian, its min, median and max, and how
many are below target (kurang dari 100 %, inti.capaian.tercapai). The capaian is the engine's,
read exactly as the monitoring rows read it (pantau.selectors.capaian_target).

Queries: one per level of the tree below (organisasi.akses.turunan_ids), one for the
organisations, one for the agreements, two for targets and values; none per organisation.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from inti.angka import bulatkan
from inti.capaian import HasilCapaian, tercapai
from kinerja.models import TargetKinerja
from organisasi.akses import turunan_ids
from organisasi.models import Organisasi
from pantau.selectors import capaian_target, perjanjian_berlaku


@dataclass(frozen=True)
class NilaiSatker:
    organisasi: Organisasi
    target: TargetKinerja
    hasil: HasilCapaian

    @property
    def di_bawah_target(self) -> bool:
        return self.hasil.persen is not None and not tercapai(self.hasil.persen)


@dataclass(frozen=True)
class DistribusiIndikator:
    kode: str
    nama: str
    satker: list[NilaiSatker]  # by organisation name

    @property
    def persen(self) -> list[Decimal]:
        return [n.hasil.persen for n in self.satker if n.hasil.persen is not None]

    @property
    def jumlah_satker(self) -> int:
        return len(self.satker)

    @property
    def dihitung(self) -> int:
        return len(self.persen)

    @property
    def minimum(self) -> Decimal | None:
        return min(self.persen, default=None)

    @property
    def median(self) -> Decimal | None:
        """The middle value, or the mean of the two middle ones, rounded as the report."""
        return bulatkan(median(self.persen)) if self.persen else None

    @property
    def maksimum(self) -> Decimal | None:
        return max(self.persen, default=None)

    @property
    def di_bawah_target(self) -> int:
        return sum(n.di_bawah_target for n in self.satker)


def distribusi_indikator(*, organisasi: Organisasi, tahun: int) -> list[DistribusiIndikator]:
    """Every indicator code in the agreements in force of the organisations below this one,
    by code, with each satker's capaian."""
    ids = turunan_ids(organisasi.pk)
    org = {o.pk: o for o in Organisasi.objects.filter(pk__in=ids)}
    semua, _ = capaian_target(berlaku=perjanjian_berlaku(ids=ids, tahun=tahun), tahun=tahun)
    per_kode: dict[str, list[NilaiSatker]] = defaultdict(list)
    for c in semua:
        per_kode[c.target.indikator.kode].append(
            NilaiSatker(organisasi=org[c.organisasi_id], target=c.target, hasil=c.hasil)
        )
    return [
        DistribusiIndikator(
            kode=kode,
            nama=_nama_terbanyak(nilai),
            satker=sorted(nilai, key=lambda n: (n.organisasi.nama, n.organisasi.pk)),
        )
        for kode, nilai in sorted(per_kode.items())
    ]


def _nama_terbanyak(nilai: list[NilaiSatker]) -> str:
    """The name most satker give the indicator (a satker may have reworded its own copy)."""
    hitungan: dict[str, int] = defaultdict(int)
    for n in nilai:
        hitungan[n.target.indikator.nama] += 1
    return max(hitungan, key=lambda nama: (hitungan[nama], nama))
