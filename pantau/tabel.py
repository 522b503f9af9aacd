"""The monitoring tables as data (laporan.tabel's Tabel), defined once for the XLSX and the
CSV: the rows the page shows, in its order, with its figures rounded as it prints them.

A date is written as ISO text (2025-02-20): it sorts as text in any spreadsheet and reads the
same in every locale, which a date cell in a CSV does not.
"""

from datetime import date, datetime

from django.utils import timezone

from kinerja.capaian import Nilai
from laporan.tabel import (
    Baris,
    Kode,
    Sel,
    Tabel,
    sel_bulat,
    sel_nilai,
    sel_persen,
    sel_rupiah,
)
from pantau.distribusi import DistribusiIndikator
from pantau.selectors import BarisPantau


def _tanggal(nilai: datetime | date | None) -> Sel:
    if nilai is None:
        return None
    if isinstance(nilai, datetime):
        nilai = timezone.localtime(nilai).date() if timezone.is_aware(nilai) else nilai.date()
    return Kode(nilai.isoformat())


def _perjanjian(b: BarisPantau) -> str:
    if b.ditandatangani:
        return "Ditandatangani"
    return "Belum ditandatangani" if b.perjanjian is not None else "Belum ada"


def kategori_semua(baris: list[BarisPantau]) -> list[str]:
    """The category names of every row's scale, in scale order, "Belum ada realisasi" last."""
    return list(dict.fromkeys(nama for b in baris for nama in b.ringkasan))


def tabel_pantau(baris: list[BarisPantau], *, judul: str) -> Tabel:
    kategori = kategori_semua(baris)
    triwulan = [t.periode.label for t in baris[0].triwulan] if baris else []
    kolom = [
        "ORGANISASI",
        "PROVINSI",
        *(f"{tw} {x}" for tw in triwulan for x in ("TERISI", "DIVERIFIKASI", "DIHARAPKAN")),
        "RATA-RATA CAPAIAN (%)",
        "KATEGORI",
        *(f"INDIKATOR {k.upper()}" for k in kategori),
        "PAGU (Rp)",
        "REALISASI ANGGARAN (Rp)",
        "SERAPAN (%)",
        "PERJANJIAN KINERJA",
        "DITANDATANGANI PADA",
        "LAKIP",
        "DIFINALKAN PADA",
        "SHA-256 LAKIP",
        "JUMLAH TERLAMBAT",
        "TERLAMBAT",
    ]
    return Tabel(judul, kolom, [Baris(_sel(b, kategori)) for b in baris])


def _sel(b: BarisPantau, kategori: list[str]) -> list[Sel]:
    o = b.organisasi
    return [
        o.nama_singkat or o.nama,
        o.provinsi or None,
        *(sel_bulat(x) for t in b.triwulan for x in (t.terisi, t.diverifikasi, t.diharapkan)),
        sel_persen(b.rata_capaian),
        b.kategori.nama if b.kategori else None,
        *(sel_bulat(b.ringkasan.get(k, 0)) for k in kategori),
        sel_rupiah(b.pagu),
        sel_rupiah(b.realisasi_anggaran),
        sel_persen(b.serapan),
        _perjanjian(b),
        _tanggal(b.ditandatangani_pada),
        b.status_lakip,
        _tanggal(b.final.difinalkan_pada if b.final else None),
        Kode(b.final.sha256) if b.final else None,
        sel_bulat(len(b.terlambat)),
        ", ".join(b.terlambat) or None,
    ]


def tabel_distribusi(distribusi: list[DistribusiIndikator], *, judul: str) -> Tabel:
    return Tabel(
        judul,
        [
            "KODE",
            "INDIKATOR",
            "JUMLAH SATKER",
            "CAPAIAN DIHITUNG",
            "MINIMUM (%)",
            "MEDIAN (%)",
            "MAKSIMUM (%)",
            "DI BAWAH TARGET",
        ],
        [
            Baris(
                [
                    Kode(d.kode),
                    d.nama,
                    sel_bulat(d.jumlah_satker),
                    sel_bulat(d.dihitung),
                    sel_persen(d.minimum),
                    sel_persen(d.median),
                    sel_persen(d.maksimum),
                    sel_bulat(d.di_bawah_target),
                ]
            )
            for d in distribusi
        ],
    )


def tabel_satker_indikator(d: DistribusiIndikator, *, judul: str) -> Tabel:
    """One indicator's value at each satker: its target, capaian and whether below target."""
    return Tabel(
        judul,
        ["ORGANISASI", "PROVINSI", "TARGET", "CAPAIAN (%)", "STATUS", "DI BAWAH TARGET"],
        [
            Baris(
                [
                    n.organisasi.nama_singkat or n.organisasi.nama,
                    n.organisasi.provinsi or None,
                    sel_nilai(Nilai.dari_target(n.target), n.target.indikator.tipe),
                    sel_persen(n.hasil.persen),
                    str(n.hasil.status.label),
                    "Ya" if n.di_bawah_target else "Tidak",
                ]
            )
            for n in d.satker
        ],
    )
