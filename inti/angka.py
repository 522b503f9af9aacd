"""The one parser and formatter for numbers written the Indonesian way.

Indonesian notation uses "." to group thousands and "," as the decimal mark
("1.234.567,89"). Every form field, import and report goes through this module
so that a number is read and printed by exactly one set of rules.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "AngkaTidakValid",
    "bulatkan",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "parse_angka",
]

CONTOH = "Tulis angka seperti 96,7 atau 1.234,5."

# Sign, optional "Rp"/"Rp." prefix, the number itself, optional "%" suffix.
# The sign may stand before or after "Rp" ("-Rp5.000" and "Rp-5.000").
_BENTUK = re.compile(
    r"(?P<tanda1>[+-]?)(?P<rp>rp\.?)?(?P<tanda2>[+-]?)(?P<angka>[0-9.,]+)(?P<persen>%?)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"[0-9]+")
# Thousands groups: a leading group of 1-3 digits that does not start with 0
# ("0.500" is not a grouped number), then groups of exactly three digits.
_RIBUAN = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_TITIK_DESIMAL = re.compile(r"[0-9]+\.[0-9]+")


class AngkaTidakValid(ValueError):
    """Raised when typed text is not a number; the message is shown to users."""

    def __init__(self, teks: str, alasan: str = "") -> None:
        self.teks = teks
        if not teks.strip():
            pesan = f"Angka belum diisi. {CONTOH}"
        elif alasan:
            pesan = f'"{teks}" bukan angka: {alasan}. {CONTOH}'
        else:
            pesan = f'"{teks}" bukan angka. {CONTOH}'
        super().__init__(pesan)


def parse_angka(teks: str) -> Decimal:
    """Read a number as people type it: "96,7", "1.234,5", "Rp 2.928.042.000", "99.42 %".

    The digits typed are kept: "96,70" gives Decimal("96.70").
    """
    if not isinstance(teks, str):
        raise TypeError(f"parse_angka expects str, got {type(teks).__name__}")
    # \s is Unicode-aware, so non-breaking spaces pasted from Word or Excel go too.
    # U+2212 (minus sign) is what word processors put in place of "-".
    ringkas = re.sub(r"\s+", "", teks).replace("\u2212", "-")
    cocok = _BENTUK.fullmatch(ringkas)
    if not ringkas or cocok is None:
        raise AngkaTidakValid(teks)
    if cocok["tanda1"] and cocok["tanda2"]:
        raise AngkaTidakValid(teks, "tanda minus hanya boleh satu")
    if cocok["rp"] and cocok["persen"]:
        raise AngkaTidakValid(teks, "pilih rupiah atau persen, jangan keduanya")
    tanda = cocok["tanda1"] or cocok["tanda2"]
    return Decimal(tanda + _baca_angka(teks, cocok["angka"]))


def _baca_angka(teks: str, angka: str) -> str:
    """Turn the digit part into Decimal syntax ("1.234,5" -> "1234.5")."""
    if angka.count(",") > 1:
        raise AngkaTidakValid(teks, "koma desimal hanya boleh satu")
    if "," in angka:
        bulat, pecahan = angka.split(",")
        if "." in pecahan:
            raise AngkaTidakValid(teks, "titik pemisah ribuan harus berada sebelum koma desimal")
        if not _DIGIT.fullmatch(pecahan) or not bulat:
            raise AngkaTidakValid(teks)
        return _baca_bulat(teks, bulat) + "." + pecahan

    if angka.count(".") == 1:
        bulat, pecahan = angka.split(".")
        # Indonesian reading: a dot before exactly three digits groups
        # thousands ("1.234" is 1234). Any other single dot is a decimal point
        # pasted from English software ("99.42").
        if len(pecahan) != 3:
            if not _TITIK_DESIMAL.fullmatch(angka):
                raise AngkaTidakValid(teks)
            return angka
    return _baca_bulat(teks, angka)


def _baca_bulat(teks: str, bulat: str) -> str:
    """The integer part: plain digits or correctly grouped thousands."""
    if _DIGIT.fullmatch(bulat):
        return bulat
    if _RIBUAN.fullmatch(bulat):
        return bulat.replace(".", "")
    raise AngkaTidakValid(
        teks, "titik pemisah ribuan harus memisahkan tiap tiga angka, misalnya 1.234.567"
    )


def _periksa(nilai: object) -> Decimal:
    # Floats are refused outright: a float here means a value already lost
    # precision somewhere upstream. bool is an int subclass but never a number.
    if isinstance(nilai, bool) or not isinstance(nilai, (Decimal, int)):
        raise TypeError(f"expected Decimal or int, got {type(nilai).__name__}")
    angka = Decimal(nilai)
    if not angka.is_finite():
        raise ValueError(f"cannot format non-finite value {angka}")
    return angka


def bulatkan(nilai: Decimal | int, desimal: int = 2) -> Decimal:
    """Round half-up to `desimal` places: the one rounding rule of the app."""
    if desimal < 0:
        raise ValueError("desimal must be >= 0")
    return _periksa(nilai).quantize(Decimal(1).scaleb(-desimal), ROUND_HALF_UP)


def desimal_tersimpan(nilai: Decimal, maks: int | None = None) -> int:
    """How many decimals a stored number really has, at most `maks`: Decimal("96.7000") → 1."""
    eksponen = nilai.normalize().as_tuple().exponent
    desimal = max(-eksponen, 0) if isinstance(eksponen, int) else 0
    return desimal if maks is None else min(desimal, maks)


def format_tersimpan(nilai: Decimal, maks: int | None = None) -> str:
    """A stored number with every decimal it has (at most `maks`): Decimal("96.7000") → "96,7"."""
    return format_angka(nilai, desimal_tersimpan(nilai, maks))


def format_angka(nilai: Decimal | int, desimal: int = 0) -> str:
    """Decimal("1234567.891"), 2 -> "1.234.567,89"."""
    angka = bulatkan(nilai, desimal)
    if angka == 0:
        angka = abs(angka)  # never print "-0,00"
    teks = format(angka, f",.{desimal}f")  # "1,234,567.89", already exact
    return teks.translate(str.maketrans(",.", ".,"))


def format_persen(nilai: Decimal | int, desimal: int = 2) -> str:
    """Decimal("96.7") -> "96,70 %" with a non-breaking space, so the sign never wraps."""
    return f"{format_angka(nilai, desimal)}\u00a0%"


def format_rupiah(nilai: Decimal | int) -> str:
    """Decimal("57487073000") -> "Rp57.487.073.000" (whole rupiah)."""
    teks = format_angka(nilai, 0)
    if teks.startswith("-"):
        return "-Rp" + teks[1:]
    return "Rp" + teks
