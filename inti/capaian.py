"""The capaian (achievement) engine: pure rules, no Django.

Everything here works on Decimal and returns Decimal, so the numbers on a
LAKIP page are the numbers the rules produced, with one rounding rule
(half-up, 2 decimals). This module deliberately does not import
inti.angka so that it can be reasoned about and tested on its own.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from inti.angka import bulatkan

__all__ = [
    "BOBOT_SUBKOMPONEN",
    "SKALA_CAPAIAN_BAKU",
    "SKALA_EFEKTIVITAS_BAKU",
    "Agregasi",
    "Arah",
    "HasilCapaian",
    "HasilSakip",
    "Kategori",
    "NilaiKomponen",
    "Polaritas",
    "Rentang",
    "Status",
    "TipeNilai",
    "arah_perubahan",
    "batas_nilai_subkomponen",
    "hitung_capaian",
    "hitung_capaian_ordinal",
    "hitung_ringkasan",
    "hitung_sakip",
    "kategori_menurut_urutan",
    "klasifikasi",
    "predikat_sakip",
    "realisasi_tahunan",
    "selisih",
    "tercapai",
    "serapan_anggaran",
]

SERATUS = Decimal(100)
NOL = Decimal(0)


class _Pilihan(StrEnum):
    """A StrEnum whose members also carry an Indonesian label.

    Members are written ``NAMA = "nilai", "Label"``; the value stays a plain
    lowercase string so Django models can store it as a choice.
    """

    label: str

    # `label` has a default only for the type checker: a lookup by value, Agregasi("terakhir"),
    # goes through Enum's own __new__, but mypy checks it against this one.
    def __new__(cls, nilai: str, label: str = "") -> "_Pilihan":
        anggota = str.__new__(cls, nilai)
        anggota._value_ = nilai
        anggota.label = label
        return anggota


class Polaritas(_Pilihan):
    NAIK = "naik", "Semakin tinggi semakin baik"
    TURUN = "turun", "Semakin rendah semakin baik"
    RENTANG = "rentang", "Dalam rentang target"


class Agregasi(_Pilihan):
    KUMULATIF = "kumulatif", "Kumulatif (jumlah triwulan)"
    TERAKHIR = "terakhir", "Triwulan terakhir"
    RATA_RATA = "rata_rata", "Rata-rata triwulan"


class TipeNilai(_Pilihan):
    PERSENTASE = "persentase", "Persentase"
    ANGKA = "angka", "Angka"
    ORDINAL = "ordinal", "Ordinal (peringkat)"


class Status(_Pilihan):
    DIHITUNG = "dihitung", "Dihitung"
    BELUM_ADA_REALISASI = "belum_ada_realisasi", "Belum ada realisasi"
    TIDAK_DITARGETKAN = "tidak_ditargetkan", "Tidak ditargetkan"
    TANPA_TARGET = "tanpa_target", "Tidak ada target"


class Kategori(_Pilihan):
    """The five categories of the standard capaian scale (reference Tabel 8), best first.

    A Renstra may rename or re-bound its bands; each band still stands for one of these by its
    place in the scale (kategori_menurut_urutan), so colours and symbols never depend on a name.
    """

    SANGAT_BERHASIL = "sangat_berhasil", "Sangat Berhasil"
    BERHASIL = "berhasil", "Berhasil"
    CUKUP_BERHASIL = "cukup_berhasil", "Cukup Berhasil"
    KURANG_BERHASIL = "kurang_berhasil", "Kurang Berhasil"
    TIDAK_BERHASIL = "tidak_berhasil", "Tidak Berhasil"


@dataclass(frozen=True)
class HasilCapaian:
    persen: Decimal | None  # rounded half-up to 2 decimals; None unless DIHITUNG
    status: Status

    def __post_init__(self) -> None:
        if (self.persen is None) == (self.status == Status.DIHITUNG):
            raise ValueError("persen must be set exactly when status is DIHITUNG")


@dataclass(frozen=True)
class Rentang:
    """One band of a classification scale.

    A value belongs to the band when it is above ``batas_bawah`` (or equal to
    it when ``inklusif``). ``batas_bawah=None`` is the catch-all bottom band.
    """

    nama: str
    batas_bawah: Decimal | None
    inklusif: bool
    keterangan: str = ""
    # The standard category the band stands for (capaian scales only); not part of equality,
    # so a band read back from the database equals the engine's own.
    kategori: Kategori | None = field(default=None, compare=False)

    def memuat(self, nilai: Decimal) -> bool:
        if self.batas_bawah is None:
            return True
        if self.inklusif:
            return nilai >= self.batas_bawah
        return nilai > self.batas_bawah


# Reference Tabel 8: upper bounds are inclusive, so each band starts just above
# the previous bound ("Berhasil" is >90 up to and including 100).
SKALA_CAPAIAN_BAKU: tuple[Rentang, ...] = (
    Rentang(
        Kategori.SANGAT_BERHASIL.label,
        Decimal(100),
        False,
        "Kegiatan yang dilaksanakan telah melampaui target indikator kinerja",
        Kategori.SANGAT_BERHASIL,
    ),
    Rentang(
        Kategori.BERHASIL.label,
        Decimal(90),
        False,
        "Kegiatan yang dilaksanakan telah mencapai target indikator kinerja",
        Kategori.BERHASIL,
    ),
    Rentang(
        Kategori.CUKUP_BERHASIL.label,
        Decimal(70),
        False,
        "Kegiatan yang dilaksanakan telah mendekati target indikator kinerja",
        Kategori.CUKUP_BERHASIL,
    ),
    Rentang(
        Kategori.KURANG_BERHASIL.label,
        Decimal(50),
        False,
        "Kegiatan yang dilaksanakan tidak sesuai dengan target indikator kinerja",
        Kategori.KURANG_BERHASIL,
    ),
    Rentang(
        Kategori.TIDAK_BERHASIL.label,
        None,
        True,
        "Kegiatan yang dilaksanakan sangat tidak sesuai dengan target indikator kinerja",
        Kategori.TIDAK_BERHASIL,
    ),
)

# Reference Tabel 32: lower bounds are inclusive. "Efektif" is >=100 but,
# because "Sangat Efektif" (>100) wins at the same bound, only 100 itself
# lands there.
SKALA_EFEKTIVITAS_BAKU: tuple[Rentang, ...] = (
    Rentang("Sangat Efektif", Decimal(100), False),
    Rentang("Efektif", Decimal(100), True),
    Rentang("Cukup Efektif", Decimal(90), True),
    Rentang("Kurang Efektif", Decimal(75), True),
    Rentang("Tidak Efektif", None, True),
)


def _naik(target: Decimal, realisasi: Decimal) -> Decimal:
    # Multiply before dividing so the only inexact step is the division.
    return max(NOL, realisasi * SERATUS / target)


def _turun(target: Decimal, realisasi: Decimal) -> Decimal:
    if target == 0:
        # A zero ceiling (e.g. zero findings) cannot be beaten, only met:
        # zero (or less) is full achievement, any amount above misses it.
        return SERATUS if realisasi <= 0 else NOL
    # PermenPANRB 6/2022: (2 x target - realisasi) / target x 100, floored at 0.
    return max(NOL, (2 * target - realisasi) * SERATUS / target)


def hitung_capaian(
    *,
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas,
    target_atas: Decimal | None = None,
) -> HasilCapaian:
    """Capaian in percent of target, or the reason it cannot be computed.

    For ``Polaritas.RENTANG`` the target band is [target, target_atas].
    """
    # A missing realisasi is "not reported yet", never a 0 % failure.
    if realisasi is None:
        return HasilCapaian(None, Status.BELUM_ADA_REALISASI)
    if target is None:
        return HasilCapaian(None, Status.TANPA_TARGET)

    match polaritas:
        case Polaritas.NAIK:
            # The Renstra has years with target 0: nothing was planned.
            if target == 0:
                return HasilCapaian(None, Status.TIDAK_DITARGETKAN)
            persen = _naik(target, realisasi)
        case Polaritas.TURUN:
            persen = _turun(target, realisasi)
        case Polaritas.RENTANG:
            if target_atas is None:
                raise ValueError("Polaritas rentang memerlukan target_atas.")
            if target_atas < target:
                raise ValueError("target_atas tidak boleh lebih kecil dari target.")
            if realisasi < target:
                # Below the band it is higher-is-better against the lower bound;
                # a lower bound of 0 can only be missed by going negative.
                persen = NOL if target == 0 else _naik(target, realisasi)
            elif realisasi > target_atas:
                persen = _turun(target_atas, realisasi)
            else:
                persen = SERATUS
        case _:
            raise ValueError(f"Polaritas tidak dikenal: {polaritas!r}")
    return HasilCapaian(bulatkan(persen), Status.DIHITUNG)


def hitung_capaian_ordinal(
    *, peringkat_target: int | None, peringkat_realisasi: int | None
) -> HasilCapaian:
    """Capaian on an ordinal scale given as ranks starting at 1.

    E.g. SAKIP predikat D=1 ... AA=7, BPK opinion TMP=1 ... WTP=4: rank of the
    realisasi divided by rank of the target, higher is better.
    """
    for peringkat in (peringkat_target, peringkat_realisasi):
        if peringkat is not None and peringkat < 1:
            raise ValueError("Peringkat dimulai dari 1.")
    return hitung_capaian(
        target=None if peringkat_target is None else Decimal(peringkat_target),
        realisasi=None if peringkat_realisasi is None else Decimal(peringkat_realisasi),
        polaritas=Polaritas.NAIK,
    )


def realisasi_tahunan(
    *,
    tahunan: Decimal | None,
    triwulan: Sequence[Decimal | None],
    agregasi: Agregasi,
) -> Decimal | None:
    """The yearly realisasi: the entered yearly value, else derived from TW I-IV.

    ``None`` in ``triwulan`` means not entered. Nothing entered gives None.
    """
    if len(triwulan) > 4:
        raise ValueError("Paling banyak empat triwulan.")
    if tahunan is not None:
        return tahunan
    ada = [nilai for nilai in triwulan if nilai is not None]
    if not ada:
        return None
    match agregasi:
        case Agregasi.KUMULATIF:
            return sum(ada, NOL)
        case Agregasi.TERAKHIR:
            return ada[-1]
        case Agregasi.RATA_RATA:
            return sum(ada, NOL) / len(ada)
    raise ValueError(f"Agregasi tidak dikenal: {agregasi!r}")


def klasifikasi(persen: Decimal, skala: Sequence[Rentang]) -> Rentang:
    """The band of `skala` that the displayed (rounded) percentage falls in.

    Rounding first keeps the category consistent with the number printed next
    to it: 90.004 is shown as 90,00 and so must not be "Berhasil" (>90).
    """
    if not skala:
        raise ValueError("Skala klasifikasi kosong.")
    nilai = bulatkan(persen)
    for rentang in _terbaik_dulu(skala):
        if rentang.memuat(nilai):
            return rentang
    raise ValueError(f"Nilai {nilai} tidak masuk rentang mana pun pada skala.")


def _terbaik_dulu(skala: Sequence[Rentang]) -> list[Rentang]:
    # Highest lower bound first; at an equal bound the exclusive band is the
    # stricter one, so it is tried first. The catch-all band comes last.
    return sorted(
        skala,
        key=lambda r: (r.batas_bawah is not None, r.batas_bawah or NOL, not r.inklusif),
        reverse=True,
    )


def kategori_menurut_urutan(skala: Sequence[Rentang]) -> tuple[Rentang, ...]:
    """The capaian scale's bands, in their order, each tagged with the standard category of
    its place: the top band is Sangat Berhasil and the catch-all band Tidak Berhasil. A scale
    of other than five bands is spread over the five in proportion."""
    semua = list(Kategori)
    langkah = max(len(skala) - 1, 1)
    tempat = {
        id(r): semua[int(bulatkan(Decimal(i * (len(semua) - 1)) / langkah, 0))]
        for i, r in enumerate(_terbaik_dulu(skala))
    }
    return tuple(replace(r, kategori=tempat[id(r)]) for r in skala)


def serapan_anggaran(*, pagu: Decimal, realisasi: Decimal | None) -> Decimal | None:
    """Budget absorption in percent, rounded half-up to 2 decimals."""
    if realisasi is None or pagu == 0:
        return None
    return bulatkan(realisasi * SERATUS / pagu)


# PermenPANRB 88/2021: each component's weight is split over its
# sub-components keberadaan, kualitas and pemanfaatan in these percentages.
BOBOT_SUBKOMPONEN: tuple[Decimal, Decimal, Decimal] = (
    Decimal("20"),
    Decimal("30"),
    Decimal("50"),
)


def batas_nilai_subkomponen(bobot: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """The maximum score of keberadaan, kualitas and pemanfaatan for a weight."""
    keberadaan, kualitas, pemanfaatan = (bobot * b / SERATUS for b in BOBOT_SUBKOMPONEN)
    return keberadaan, kualitas, pemanfaatan


@dataclass(frozen=True)
class NilaiKomponen:
    nama: str
    bobot: Decimal
    nilai: tuple[Decimal, Decimal, Decimal]  # keberadaan, kualitas, pemanfaatan

    def __post_init__(self) -> None:
        for nilai, batas in zip(self.nilai, batas_nilai_subkomponen(self.bobot), strict=True):
            if not NOL <= nilai <= batas:
                raise ValueError(
                    f"Nilai {nilai} pada komponen {self.nama} harus antara 0 dan {batas}."
                )


@dataclass(frozen=True)
class HasilSakip:
    total_komponen: tuple[Decimal, ...]
    total_subkomponen: tuple[Decimal, Decimal, Decimal]
    total: Decimal
    predikat: str


def hitung_sakip(komponen: Sequence[NilaiKomponen]) -> HasilSakip:
    """Row totals, column totals, grand total and predikat of a SAKIP evaluation.

    Scores carry two decimals, so the sums are exact and need no rounding.
    """
    total_komponen = tuple(sum(k.nilai, NOL) for k in komponen)
    keberadaan, kualitas, pemanfaatan = (sum((k.nilai[i] for k in komponen), NOL) for i in range(3))
    total = sum(total_komponen, NOL)
    return HasilSakip(
        total_komponen=total_komponen,
        total_subkomponen=(keberadaan, kualitas, pemanfaatan),
        total=total,
        predikat=predikat_sakip(total),
    )


# Strictly above each bound: a total of exactly 70 is "B", not "BB".
_BATAS_PREDIKAT: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), "AA"),
    (Decimal(80), "A"),
    (Decimal(70), "BB"),
    (Decimal(60), "B"),
    (Decimal(50), "CC"),
    (Decimal(30), "C"),
)


def predikat_sakip(total: Decimal) -> str:
    for batas, predikat in _BATAS_PREDIKAT:
        if total > batas:
            return predikat
    return "D"


def hitung_ringkasan(kategori: Iterable[str | None], skala: Sequence[Rentang]) -> dict[str, int]:
    """How many indicators fall in each band, in scale order, zeros included.

    ``None`` (no realisasi yet) is counted under "Belum ada realisasi".
    """
    belum = Status.BELUM_ADA_REALISASI.label
    ringkasan = {rentang.nama: 0 for rentang in skala}
    ringkasan[belum] = 0
    for nama in kategori:
        kunci = belum if nama is None else nama
        if kunci not in ringkasan:
            raise ValueError(f"Kategori {nama!r} tidak ada pada skala.")
        ringkasan[kunci] += 1
    return ringkasan


def selisih(sekarang: Decimal | None, sebelumnya: Decimal | None) -> Decimal | None:
    """Change against the previous year; None when either year is missing."""
    if sekarang is None or sebelumnya is None:
        return None
    return sekarang - sebelumnya


class Arah(_Pilihan):
    NAIK = "naik", "meningkat"
    TURUN = "turun", "menurun"
    TETAP = "tetap", "tetap"


def arah_perubahan(
    *, sekarang: Decimal | None, sebelumnya: Decimal | None, polaritas: Polaritas = Polaritas.NAIK
) -> Arah | None:
    """Direction of performance between two years, from the realised values themselves.

    Performance is the realisasi, not the percent of a target: when the target is raised from B
    to BB and the result stays BB, nothing changed (the capaian fell from 125 % to 100 %). An
    ordinal level is compared by its rank. For a band (rentang) the caller compares capaian.
    """
    if sekarang is None or sebelumnya is None:
        return None
    if sekarang == sebelumnya:
        return Arah.TETAP
    lebih_tinggi = sekarang > sebelumnya
    if polaritas == Polaritas.TURUN:
        lebih_tinggi = not lebih_tinggi
    return Arah.NAIK if lebih_tinggi else Arah.TURUN


def tercapai(persen: Decimal | None) -> bool:
    """Whether a capaian reached its target: 100 % or more. The one definition the LAKIP uses
    wherever it says "mencapai target" (a category such as "Berhasil" starts below it)."""
    return persen is not None and persen >= SERATUS
