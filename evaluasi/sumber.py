"""What the LKE may suggest and link to, gathered from the apps that hold the data.

evaluasi sits below laporan (laporan reads the completed evaluation for its SAKIP table), so
it cannot import laporan to ask about the LAKIP. Instead laporan registers its own sources
here when Django starts (laporan.apps.LaporanConfig.ready); the apps below evaluasi are read
directly by evaluasi.saran.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from inti.lke import JenisJawaban
from organisasi.models import Organisasi

SATU = Decimal(1)


@dataclass(frozen=True)
class Saran:
    """An answer the application suggests, with the figures behind it."""

    kunci: str
    judul: str
    terpenuhi: Decimal  # the share of what the criterion asks for that the data shows, 0..1
    rincian: tuple[str, ...]

    def jawaban(self, jenis: str) -> str:
        """Ya only when everything is there; A..E by quarters of the share."""
        if jenis == JenisJawaban.YT:
            return "Y" if self.terpenuhi >= SATU else "T"
        for batas, huruf in (
            (SATU, "A"),
            (Decimal("0.75"), "B"),
            (Decimal("0.5"), "C"),
            (Decimal("0.25"), "D"),
        ):
            if self.terpenuhi >= batas:
                return huruf
        return "E"


@dataclass(frozen=True)
class Dokumen:
    """A document of the application that an answer may cite as evidence."""

    alamat: str  # a local path, e.g. /perjanjian/12/dokumen/
    judul: str


SumberSaran = Callable[[Organisasi, int], list[Saran]]
SumberDokumen = Callable[[Organisasi, int], list[Dokumen]]

_saran: list[SumberSaran] = []
_dokumen: list[SumberDokumen] = []


def daftarkan(*, saran: SumberSaran | None = None, dokumen: SumberDokumen | None = None) -> None:
    if saran is not None and saran not in _saran:
        _saran.append(saran)
    if dokumen is not None and dokumen not in _dokumen:
        _dokumen.append(dokumen)


def sumber_saran() -> list[SumberSaran]:
    return list(_saran)


def sumber_dokumen() -> list[SumberDokumen]:
    return list(_dokumen)
