"""The LKE (Lembar Kerja Evaluasi AKIP) scoring rules: pure, no Django.

Per criterion (§2.2 of the LKE reference): an answer is worth 0..1 (Ya 1, Tidak 0; A 1, B 0,75,
C 0,5, D 0,25, E 0); a sub-component scores its weight times the mean of its criteria, an
unanswered criterion counting as 0 (so an unfinished sheet never scores more than it shows).
Component totals, the grand total and the predikat come from inti.capaian.hitung_sakip: the
LAKIP's SAKIP table and the LKE use one engine.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from inti.angka import bulatkan, format_persen
from inti.capaian import HasilSakip, NilaiKomponen, hitung_sakip

__all__ = [
    "NILAI_JAWABAN",
    "Dimensi",
    "HasilLke",
    "JenisJawaban",
    "KomponenLke",
    "hitung_lke",
    "kerangka_logis",
    "nilai_jawaban",
    "nilai_subkomponen",
]

NOL = Decimal(0)


class JenisJawaban(StrEnum):
    YT = "YT"
    ABCDE = "ABCDE"


class Dimensi(StrEnum):
    """The three sub-components of every component, in the LKE's order."""

    KEBERADAAN = "keberadaan"
    KUALITAS = "kualitas"
    PEMANFAATAN = "pemanfaatan"


NILAI_JAWABAN: dict[JenisJawaban, dict[str, Decimal]] = {
    JenisJawaban.YT: {"Y": Decimal(1), "T": NOL},
    JenisJawaban.ABCDE: {
        "A": Decimal(1),
        "B": Decimal("0.75"),
        "C": Decimal("0.5"),
        "D": Decimal("0.25"),
        "E": NOL,
    },
}


def nilai_jawaban(jenis: str, jawaban: str) -> Decimal:
    """The 0..1 value of one answer; ValueError for an answer the kind does not have."""
    try:
        return NILAI_JAWABAN[JenisJawaban(jenis)][jawaban]
    except (KeyError, ValueError):
        raise ValueError(f"Jawaban {jawaban!r} tidak dikenal untuk jenis {jenis}.") from None


def nilai_subkomponen(*, bobot: Decimal, nilai_kriteria: Sequence[Decimal | None]) -> Decimal:
    """Weight times the mean answer value, half-up to two decimals as the LHE prints it.

    ``None`` is an unanswered criterion and counts as 0."""
    if not nilai_kriteria:
        return NOL
    jumlah = sum((n for n in nilai_kriteria if n is not None), NOL)
    return bulatkan(bobot * jumlah / len(nilai_kriteria))


@dataclass(frozen=True)
class KomponenLke:
    nama: str
    bobot: Decimal
    nilai: tuple[Decimal, Decimal, Decimal]  # keberadaan, kualitas, pemanfaatan (scores)
    bobot_sub: tuple[Decimal, Decimal, Decimal]  # their maximum scores


@dataclass(frozen=True)
class HasilLke:
    sakip: HasilSakip
    temuan: tuple[str, ...]  # kerangka-logis warnings; the scores are never changed by them

    @property
    def total(self) -> Decimal:
        return self.sakip.total

    @property
    def predikat(self) -> str:
        return self.sakip.predikat


def hitung_lke(komponen: Sequence[KomponenLke]) -> HasilLke:
    sakip = hitung_sakip([NilaiKomponen(k.nama, k.bobot, k.nilai) for k in komponen])
    return HasilLke(sakip=sakip, temuan=kerangka_logis(komponen))


def _persen(nilai: Decimal, bobot: Decimal) -> Decimal:
    return bulatkan(nilai * 100 / bobot) if bobot else NOL


def kerangka_logis(komponen: Sequence[KomponenLke]) -> tuple[str, ...]:
    """What the LKE's logic forbids, per component (reference §6, rules 2 and 3): the share
    of Kualitas or of Pemanfaatan reached may not exceed the share of Keberadaan (a document
    cannot be good or used more than it exists), and Pemanfaatan may not exceed Kualitas.

    Shares are compared exactly (cross-multiplied), never after rounding."""
    temuan = []
    aturan = (
        (Dimensi.KUALITAS, Dimensi.KEBERADAAN),
        (Dimensi.PEMANFAATAN, Dimensi.KEBERADAAN),
        (Dimensi.PEMANFAATAN, Dimensi.KUALITAS),
    )
    urutan = list(Dimensi)
    for k in komponen:
        for atas, batas in aturan:
            i, j = urutan.index(atas), urutan.index(batas)
            if k.nilai[i] * k.bobot_sub[j] > k.nilai[j] * k.bobot_sub[i]:
                temuan.append(
                    f"{k.nama}: {atas.capitalize()} terpenuhi "
                    f"{format_persen(_persen(k.nilai[i], k.bobot_sub[i]))} melebihi "
                    f"{batas.capitalize()} {format_persen(_persen(k.nilai[j], k.bobot_sub[j]))}."
                )
    return tuple(temuan)
