"""The rules a realisasi value must pass before it is saved, whoever brings it in.

The entry form (kinerja.realisasi.forms and services), the spreadsheet import
(kinerja.realisasi.impor) and the admin's import-export resource (kinerja.resources) all ask
these functions, so a value refused on one path is refused on every path with the same words
(the import puts "baris N: " before them). The open-period rule is
kinerja.realisasi.periode.pastikan_terbuka.
"""

from dataclasses import dataclass
from decimal import Decimal

from inti.angka import AngkaTidakValid, parse_angka
from inti.capaian import TipeNilai
from inti.galat import Ditolak
from inti.tampilan import format_nilai
from kinerja.capaian import Nilai
from kinerja.models import Realisasi
from kinerja.realisasi.periode import STATUS_DAPAT_DIUBAH
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


def pastikan_dapat_diubah(
    lama: Realisasi | None, *, indikator: IndikatorKinerja, semua_status: bool = False
) -> None:
    """A stored value changes only while it is a draft or returned to its staff;
    `semua_status` is an admin's import from the command line, which may change any."""
    if lama is None or semua_status or lama.status in STATUS_DAPAT_DIUBAH:
        return
    raise Ditolak(
        f"Nilai {indikator.nama} sudah {lama.get_status_display().lower()} dan tidak dapat "
        "diubah kecuali dikembalikan oleh verifikator."
    )


@dataclass(frozen=True)
class Konflik:
    """A value someone else changed after this user saw it: who, and what it is now."""

    indikator: IndikatorKinerja
    oleh: str
    nilai_sekarang: str

    @property
    def pesan(self) -> str:
        return (
            f"{self.indikator.nama} sudah diubah oleh {self.oleh}; nilai sekarang "
            f"{self.nilai_sekarang}"
        )


def konflik_versi(
    lama: Realisasi | None, *, indikator: IndikatorKinerja, versi_dilihat: int
) -> Konflik | None:
    """The optimistic lock: a value is written only over the version the user saw (0: no
    value yet). None when it matches; else who holds the value now, and what it is."""
    if (lama.versi if lama is not None else 0) == versi_dilihat:
        return None
    if lama is None:
        return Konflik(indikator, "pengguna lain", "(dihapus)")
    oleh = lama.diubah_oleh
    sekarang = format_nilai(
        tipe=indikator.tipe,
        angka=lama.nilai,
        kode_tingkat=lama.tingkat.kode if lama.tingkat_id else None,
    )
    return Konflik(indikator, oleh.nama_tampilan if oleh else "pengguna lain", sekarang)
