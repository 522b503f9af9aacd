"""How a target or realisasi reads in the indicator's kind of value: "96,7 %", "80", "BB";
and how a capaian category is marked wherever it is shown."""

from dataclasses import dataclass
from decimal import Decimal

from inti.angka import format_tersimpan
from inti.capaian import Kategori, Rentang, Status, TipeNilai


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


@dataclass(frozen=True)
class TandaKategori:
    """A category's mark: its name (always written), a CSS class for its colour and a
    symbol, so that neither colour-blind readers nor a grey printout depend on the hue."""

    nama: str
    kelas: str
    simbol: str


# By constant, never by display string: a Renstra may rename its bands.
_TANDA: dict[Kategori, tuple[str, str]] = {
    Kategori.SANGAT_BERHASIL: ("kat-sb", "▲▲"),
    Kategori.BERHASIL: ("kat-b", "▲"),
    Kategori.CUKUP_BERHASIL: ("kat-cb", "◆"),
    Kategori.KURANG_BERHASIL: ("kat-kb", "▼"),
    Kategori.TIDAK_BERHASIL: ("kat-tb", "▼▼"),
}


def tanda_kategori(kategori: Rentang | None, status: Status | None = None) -> TandaKategori:
    """The mark of a band of the capaian scale, or of a capaian that has none: no realisasi
    yet, or no target to measure against."""
    if kategori is not None:
        kelas, simbol = _TANDA[kategori.kategori] if kategori.kategori else ("kat-lain", "–")
        return TandaKategori(kategori.nama, kelas, simbol)
    if status is None or status == Status.BELUM_ADA_REALISASI:
        return TandaKategori(Status.BELUM_ADA_REALISASI.label, "kat-belum", "○")
    return TandaKategori(status.label, "kat-lain", "–")


def legenda_kategori(skala: tuple[Rentang, ...]) -> list[TandaKategori]:
    """Every band of a capaian scale in its order, then "Belum ada realisasi"."""
    return [tanda_kategori(r) for r in skala] + [tanda_kategori(None)]
