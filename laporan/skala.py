"""The scales of assessment as the report prints them: each band with its range written out.

Derived from the same bounds inti.capaian.klasifikasi tries, so the printed table cannot
disagree with the categories it explains.
"""

from dataclasses import dataclass
from decimal import Decimal

from inti.angka import format_angka
from inti.capaian import Rentang

NOL = Decimal(0)


@dataclass(frozen=True)
class BarisSkala:
    rentang: Rentang
    batas: str  # "> 90 s.d. 100"


def _teks_angka(nilai: Decimal) -> str:
    return format_angka(nilai, 0 if nilai == nilai.to_integral_value() else 2)


def _urut_skala(skala: tuple[Rentang, ...]) -> list[Rentang]:
    # The same order as inti.capaian.klasifikasi tries the bands: highest bound first.
    return sorted(
        skala,
        key=lambda r: (r.batas_bawah is not None, r.batas_bawah or NOL, not r.inklusif),
        reverse=True,
    )


def baris_skala(skala: tuple[Rentang, ...]) -> list[BarisSkala]:
    """Each band with its range written out, derived from the bounds the engine uses."""
    hasil = []
    atas: Rentang | None = None
    for r in _urut_skala(skala):
        bawah = (
            None
            if r.batas_bawah is None
            else f"{'≥' if r.inklusif else '>'} {_teks_angka(r.batas_bawah)}"
        )
        if atas is None or atas.batas_bawah is None:
            teks = bawah or "semua nilai"
        else:
            # The band above takes values beyond its bound, so this one ends at it.
            tanda_atas = "<" if atas.inklusif else "≤"
            batas_atas = _teks_angka(atas.batas_bawah)
            if bawah is None:
                teks = f"{tanda_atas} {batas_atas}"
            elif r.inklusif and tanda_atas == "≤" and r.batas_bawah == atas.batas_bawah:
                teks = f"= {batas_atas}"
            else:
                teks = f"{bawah} s.d. {tanda_atas} {batas_atas}"
        hasil.append(BarisSkala(r, teks))
        atas = r
    return hasil
