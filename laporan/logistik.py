"""The election logistics the LAKIP reports (BAB III E): per election, what was ordered,
received and found damaged."""

from dataclasses import dataclass
from decimal import Decimal

from inti.angka import bulatkan
from logistik.models import Logistik, Pemilihan
from organisasi.models import Organisasi

NOL = Decimal(0)
SERATUS = Decimal(100)


@dataclass(frozen=True)
class BarisLogistik:
    logistik: Logistik

    @property
    def kurang(self) -> int:
        """Ordered but not received, plus received damaged."""
        lg = self.logistik
        return max(lg.dipesan - lg.diterima, 0) + lg.rusak

    @property
    def persen(self) -> Decimal:
        if not self.logistik.dipesan:
            return NOL
        return bulatkan(Decimal(self.kurang) * SERATUS / self.logistik.dipesan)


@dataclass
class DataLogistik:
    pemilihan: Pemilihan
    baris: list[BarisLogistik]

    @property
    def jumlah_kurang(self) -> int:
        return sum(b.kurang for b in self.baris)

    @property
    def baris_kurang(self) -> int:
        return sum(1 for b in self.baris if b.kurang)


def logistik_tahun(*, organisasi: Organisasi, tahun: int) -> list[DataLogistik]:
    pemilihan = Pemilihan.objects.filter(organisasi=organisasi, tahun=tahun).prefetch_related(
        "logistik"
    )
    return [DataLogistik(p, [BarisLogistik(lg) for lg in p.logistik.all()]) for p in pemilihan]
