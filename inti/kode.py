"""Verification codes people read off paper and type back: Crockford's base 32.

A code is 20 characters of 0-9 and A-Z without I, L, O and U (100 random bits), stored in
upper case without separators ("7K3QM9XPA2BCDEFGHJKM") and printed in groups of four
("7K3Q-M9XP-A2BC-DEFG-HJKM"). What someone types is read back in any case, with spaces or
dashes, and with O for 0 and I or L for 1, the letters the alphabet leaves out because they
are mistaken for those digits.
"""

import re
import secrets

ABJAD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PANJANG = 20
KELOMPOK = 4
_KELIRU = str.maketrans({"O": "0", "I": "1", "L": "1"})
_PEMISAH = re.compile(r"[\s\-_.]+")
_KANONIK = re.compile(rf"[{ABJAD}]{{{PANJANG}}}")


def kode_baru() -> str:
    return "".join(secrets.choice(ABJAD) for _ in range(PANJANG))


def kode_kanonik(teks: str) -> str:
    """The stored form of a typed code: "7k3q-m9xp a2bc…" → "7K3QM9XPA2BC…"."""
    return _PEMISAH.sub("", teks).upper().translate(_KELIRU)


def kode_cetak(kode: str) -> str:
    """The printed form, in groups of four; a code of another shape is printed as it is."""
    if not _KANONIK.fullmatch(kode):
        return kode
    return "-".join(kode[i : i + KELOMPOK] for i in range(0, len(kode), KELOMPOK))
