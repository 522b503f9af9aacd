"""A year's values of every synthetic satker, in bulk: Renstra targets, pagu and budget
realisasi, the signed Perjanjian Kinerja with its targets and kegiatan, and the quarterly
realisasi: most verified, some only submitted, some missing, some below target.

Every number is drawn from one random.Random in a fixed order, so a seed gives the same data.
"""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from anggaran.models import AnggaranKegiatan
from inti.angka import bulatkan
from kinerja.models import (
    PERIODE_TRIWULAN,
    KegiatanPerjanjian,
    PerjanjianKinerja,
    Realisasi,
    TargetKinerja,
)
from kinerja.perjanjian.services import perjanjian_catat_ditandatangani
from laporan.nasional.struktur import UKURAN, Satker
from laporan.nasional.wilayah import KAB, PROV, RI
from renstra.models import IndikatorKinerja, TargetRenstra, TingkatSkala

SERATUS = Decimal(100)
# A kegiatan's pagu in rupiah, by level: a kab/kota spends hundreds of millions a kegiatan.
PAGU = {
    KAB: (50_000_000, 900_000_000),
    PROV: (200_000_000, 3_000_000_000),
    RI: (2_000_000_000, 60_000_000_000),
}
TARGET_ORDINAL = {"predikat-akip": ("BB", "A"), "opini-bpk": ("WTP",)}


@dataclass(frozen=True)
class Nilai:
    angka: Decimal | None = None
    tingkat: TingkatSkala | None = None


def _target(
    rng: random.Random, ind: IndikatorKinerja, skala: dict[str, dict[str, TingkatSkala]]
) -> Nilai:
    if ind.skala is not None:
        kode = ind.skala.kode
        return Nilai(tingkat=skala[kode][rng.choice(TARGET_ORDINAL.get(kode, tuple(skala[kode])))])
    if ind.tipe == "persentase":
        return Nilai(angka=Decimal(rng.choice((100, 100, 95, 90))))
    return Nilai(angka=Decimal(rng.randint(2, 12)))


def _capaian_akhir(
    rng: random.Random,
    ind: IndikatorKinerja,
    target: Nilai,
    skala: dict[str, dict[str, TingkatSkala]],
) -> Nilai:
    """The year's final value: about seven in ten reach the target, the rest fall short."""
    tercapai = rng.random() < 0.7
    if target.tingkat is not None and ind.skala is not None:
        tingkat = sorted(skala[ind.skala.kode].values(), key=lambda t: t.peringkat)
        turun = 0 if tercapai else rng.randint(1, 2)
        return Nilai(tingkat=tingkat[max(0, target.tingkat.peringkat - 1 - turun)])
    assert target.angka is not None
    if ind.tipe != "persentase":
        return Nilai(angka=target.angka + (rng.randint(0, 2) if tercapai else -rng.randint(1, 2)))
    if tercapai:
        return Nilai(
            angka=target.angka + bulatkan(Decimal(rng.random()) * (SERATUS - target.angka))
        )
    return Nilai(angka=bulatkan(target.angka * Decimal(rng.uniform(0.55, 0.98))))


def _status(rng: random.Random) -> str:
    x = rng.random()
    if x < 0.85:
        return Realisasi.Status.DIVERIFIKASI
    return Realisasi.Status.DIAJUKAN if x < 0.95 else Realisasi.Status.DRAF


def _hilang(rng: random.Random, triwulan: int, terakhir: bool) -> bool:
    """Missing entries: few in past years, more in the latest quarters of the latest year."""
    peluang = (0.05, 0.05, 0.15, 0.30)[triwulan] if terakhir else 0.03
    return rng.random() < peluang


def _realisasi(
    rng: random.Random, ind: IndikatorKinerja, tahun: int, akhir: Nilai, terakhir: bool
) -> list[Realisasi]:
    """Four quarters growing towards the final value (the indicators keep the last quarter)."""
    hasil = []
    for q, periode in enumerate(PERIODE_TRIWULAN):
        if _hilang(rng, q, terakhir):
            continue
        nilai = None if akhir.angka is None else bulatkan(akhir.angka * (q + 1) / 4)
        hasil.append(
            Realisasi(
                indikator=ind,
                tahun=tahun,
                periode=periode,
                nilai=nilai,
                tingkat=akhir.tingkat,
                status=_status(rng),
            )
        )
    return hasil


def tahun_buat(
    semua: list[Satker],
    tahun: int,
    *,
    terakhir: bool,
    rng: random.Random,
    skala: dict[str, dict[str, TingkatSkala]],
) -> dict[str, int]:
    """Every value of one year; returns the rows written per kind."""
    target_renstra, target_pk, realisasi = [], [], []
    perjanjian = _perjanjian_draf(semua, tahun)
    for s, pk in zip(semua, perjanjian, strict=True):
        for urutan, ind in enumerate(s.indikator, 1):
            target = _target(rng, ind, skala)
            target_renstra.append(
                TargetRenstra(
                    indikator=ind, tahun=tahun, nilai=target.angka, tingkat=target.tingkat
                )
            )
            if ind.tingkat == IndikatorKinerja.Tingkat.SASARAN_STRATEGIS:
                target_pk.append(
                    TargetKinerja(
                        perjanjian=pk,
                        indikator=ind,
                        nilai=target.angka,
                        tingkat=target.tingkat,
                        urutan=urutan,
                    )
                )
            realisasi += _realisasi(
                rng, ind, tahun, _capaian_akhir(rng, ind, target, skala), terakhir
            )
    TargetRenstra.objects.bulk_create(target_renstra, batch_size=UKURAN)
    TargetKinerja.objects.bulk_create(target_pk, batch_size=UKURAN)
    anggaran = _anggaran(semua, perjanjian, tahun, terakhir=terakhir, rng=rng)
    for pk in perjanjian:
        perjanjian_catat_ditandatangani(perjanjian=pk)
    Realisasi.objects.bulk_create(realisasi, batch_size=UKURAN)
    return {
        "target renstra": len(target_renstra),
        "perjanjian kinerja": len(perjanjian),
        "target kinerja": len(target_pk),
        "anggaran kegiatan": anggaran,
        "realisasi": len(realisasi),
    }


def _perjanjian_draf(semua: list[Satker], tahun: int) -> list[PerjanjianKinerja]:
    return PerjanjianKinerja.objects.bulk_create(
        [
            PerjanjianKinerja(
                organisasi=s.org,
                tahun=tahun,
                versi=1,
                pihak_pertama=s.sekretaris,
                pihak_kedua=s.ketua,
                tempat=s.org.kota,
                tanggal=date(tahun, 1, 31),
            )
            for s in semua
        ],
        batch_size=UKURAN,
    )


def _anggaran(
    semua: list[Satker],
    perjanjian: list[PerjanjianKinerja],
    tahun: int,
    *,
    terakhir: bool,
    rng: random.Random,
) -> int:
    """Pagu per kegiatan, its realisasi (85-100 %, a fifth not reported yet in the latest
    year), and the agreement's kegiatan lines carrying the pagu."""
    anggaran, baris = [], []
    for s, pk in zip(semua, perjanjian, strict=True):
        bawah, atas = PAGU[s.tingkat]
        for urutan, k in enumerate(s.kegiatan, 1):
            pagu = Decimal(rng.randint(bawah // 1000, atas // 1000) * 1000)
            kosong = terakhir and rng.random() < 0.2
            realisasi = (
                None if kosong else (pagu * Decimal(rng.uniform(0.85, 1.0))).quantize(Decimal(1))
            )
            anggaran.append(
                AnggaranKegiatan(
                    kegiatan=k, tahun=tahun, pagu=pagu, realisasi=realisasi, sumber_dana="apbn"
                )
            )
            baris.append(
                KegiatanPerjanjian(
                    perjanjian=pk, uraian=k.nama[:255], anggaran=pagu, kegiatan=k, urutan=urutan
                )
            )
    AnggaranKegiatan.objects.bulk_create(anggaran, batch_size=UKURAN)
    KegiatanPerjanjian.objects.bulk_create(baris, batch_size=UKURAN)
    return len(anggaran)
