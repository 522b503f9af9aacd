"""The rules a realisasi value must pass before it is saved, whoever brings it in.

The entry form (kinerja.realisasi.forms), the spreadsheet import (kinerja.realisasi.excel)
and the admin's import-export resource (kinerja.resources) all ask these functions, so a
value refused on one path is refused on every path with the same words.
"""

from decimal import Decimal

from inti.angka import AngkaTidakValid, parse_angka
from inti.capaian import TipeNilai
from inti.tampilan import format_nilai
from kinerja.capaian import Nilai
from renstra.models import IndikatorKinerja, TingkatSkala

# Realisasi.nilai is DECIMAL(20, 4).
DESIMAL_MAKS = 4
BATAS_NILAI = Decimal("1e16")
KELIPATAN_WAJAR = 10

PESAN_TANPA_NILAI = (
    "Isi realisasi lebih dulu; kendala, tindak lanjut dan bukti dukung melekat pada nilai "
    "realisasi."
)


class IsianTidakValid(ValueError):
    """A value the rules refuse; the message is shown to users as it is."""

    def __init__(self, pesan: str) -> None:
        self.pesan = pesan
        super().__init__(pesan)


def periksa_angka(angka: Decimal, *, tipe: str) -> Decimal:
    """A number already read: not negative, at most four decimals, not absurdly large."""
    if angka < 0:
        if tipe == TipeNilai.PERSENTASE:
            raise IsianTidakValid("Persentase tidak boleh negatif.")
        raise IsianTidakValid("Realisasi tidak boleh negatif.")
    eksponen = angka.as_tuple().exponent
    if isinstance(eksponen, int) and -eksponen > DESIMAL_MAKS:
        raise IsianTidakValid(f"Paling banyak {DESIMAL_MAKS} angka di belakang koma.")
    if angka >= BATAS_NILAI:
        raise IsianTidakValid("Angka terlalu besar.")
    return angka


def baca_angka(teks: str, *, tipe: str) -> Decimal:
    """A number as people type it ("96,7", "96, 7 %"), then `periksa_angka`."""
    try:
        angka = parse_angka(teks)
    except AngkaTidakValid as exc:
        raise IsianTidakValid(str(exc)) from None
    return periksa_angka(angka, tipe=tipe)


def batas_wajar(target: Nilai) -> Decimal | None:
    """Above this a value needs a confirmation: ten times the target (its upper bound for a
    band); no limit without a positive target."""
    acuan = target.angka_atas if target.angka_atas is not None else target.angka
    if acuan is None or acuan <= 0:
        return None
    return acuan * KELIPATAN_WAJAR


def melebihi_wajar(angka: Decimal, target: Nilai) -> bool:
    batas = batas_wajar(target)
    return batas is not None and angka > batas


def pesan_melebihi(indikator: IndikatorKinerja, target: Nilai) -> str:
    teks = format_nilai(tipe=indikator.tipe, angka=target.angka, angka_atas=target.angka_atas)
    return f"Nilai ini lebih dari sepuluh kali target ({teks})."


def tingkat_dari_kode(teks: str, pilihan: list[TingkatSkala], nama_skala: str) -> TingkatSkala:
    """A level typed or picked by its code ("BB"), in any letter case."""
    dicari = teks.strip().casefold()
    for tingkat in pilihan:
        if tingkat.kode.casefold() == dicari:
            return tingkat
    daftar = ", ".join(t.kode for t in pilihan)
    raise IsianTidakValid(f'"{teks.strip()}" bukan tingkat skala {nama_skala} (pilih {daftar}).')
