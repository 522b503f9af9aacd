"""What the plan workbook's readers share: the rows read with the problems found, what rows
may refer to, and the checks every sheet makes (a choice among codes, a key written once)."""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from laporan.rencana import lembar as L

Baris = dict[str, Any]


@dataclass
class BukuRencana:
    """The rows of every sheet (with their row numbers) and the problems found."""

    lembar: dict[str, list[tuple[int, Baris]]] = field(default_factory=dict)
    galat: list[str] = field(default_factory=list)

    def salah(self, lembar: L.Lembar, nomor: int, pesan: str) -> None:
        self.galat.append(f"{lembar.nama}, baris {nomor}: {pesan}")

    def baris(self, lembar: L.Lembar) -> list[tuple[int, Baris]]:
        return self.lembar.get(lembar.nama, [])


@dataclass
class Konteks:
    """What the rows may refer to: units, officials, indicators, sasaran, scales' levels,
    programs and kegiatan."""

    unit: set[str] = field(default_factory=set)
    pejabat: set[str] = field(default_factory=set)
    indikator: dict[str, Baris] = field(default_factory=dict)
    sasaran: set[int] = field(default_factory=set)
    tingkat: dict[str, set[str]] = field(default_factory=dict)
    program: set[str] = field(default_factory=set)
    kegiatan: set[str] = field(default_factory=set)


def pilihan(
    buku: BukuRencana, lb: L.Lembar, n: int, judul: str, nilai: str, boleh: Iterable[object]
) -> bool:
    nilai_boleh = [str(v) for v in boleh]
    if nilai not in nilai_boleh:
        buku.salah(lb, n, f"{judul} {nilai!r} tidak dikenal (pilih {', '.join(nilai_boleh)}).")
        return False
    return True


def sekali(buku: BukuRencana, lb: L.Lembar, n: int, kunci: Hashable, ada: set) -> bool:
    """Whether `kunci` is new on this sheet (then it is added to `ada`); a row error if not."""
    if kunci in ada:
        buku.salah(lb, n, "baris dengan kunci yang sama tertulis dua kali.")
        return False
    ada.add(kunci)
    return True
