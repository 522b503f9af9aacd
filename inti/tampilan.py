"""How a target or realisasi reads in the indicator's kind of value: "96,7 %", "80", "BB"."""

from decimal import Decimal

from inti.angka import format_tersimpan
from inti.capaian import TipeNilai


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
    # As many decimals as the value has, at most two: 100 → "100", 96.7 → "96,7".
    teks = format_tersimpan(angka, 2)
    if angka_atas is not None:
        teks = f"{teks}–{format_tersimpan(angka_atas, 2)}"
    return f"{teks}\u00a0%" if tipe == TipeNilai.PERSENTASE else teks


# PermenPANRB 88/2021: the meaning of each predikat AKIP. Scales often store only the letters
# (nama = kode); a drop-down then still reads in words.
ARTI_PREDIKAT_AKIP = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup (Memadai)",
    "C": "Kurang",
    "D": "Sangat Kurang",
}


def label_tingkat(*, kode: str, nama: str, kode_skala: str = "") -> str:
    """A level as a choice reads: "Wajar Tanpa Pengecualian (WTP)", "Sangat Baik (BB)"."""
    if nama == kode and kode_skala == "predikat-akip":
        nama = ARTI_PREDIKAT_AKIP.get(kode, nama)
    return kode if nama == kode else f"{nama} ({kode})"
