"""How a target or realisasi reads in the indicator's kind of value: "96,7 %", "80", "BB"."""

from decimal import Decimal

from inti.angka import format_angka
from inti.capaian import TipeNilai


def _desimal(angka: Decimal) -> int:
    # As many decimals as the value has, at most two: 100 → "100", 96.7 → "96,7".
    eksponen = angka.normalize().as_tuple().exponent
    return min(max(-eksponen, 0), 2) if isinstance(eksponen, int) else 0


def format_nilai(
    *,
    tipe: str,
    angka: Decimal | None,
    kode_tingkat: str | None = None,
    angka_atas: Decimal | None = None,
) -> str:
    if tipe == TipeNilai.ORDINAL:
        return kode_tingkat or ""
    if angka is None:
        return ""
    teks = format_angka(angka, _desimal(angka))
    if angka_atas is not None:
        teks = f"{teks}–{format_angka(angka_atas, _desimal(angka_atas))}"
    return f"{teks}\u00a0%" if tipe == TipeNilai.PERSENTASE else teks
