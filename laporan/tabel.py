"""The LAKIP's tables as data: caption, column headings, rows and total rows, with the
figures rounded the way the report prints them (inti.angka.bulatkan).

One definition per table, read from laporan.selectors.DataLakip; the report page prints it
(laporan/_tabel.html through the tag tabel_lakip) and laporan.xlsx puts it on a sheet, so a
table added here needs no second hand-built copy (tests/test_laporan_tabel_sama.py holds
the two together). A number carries its kind (Angka): each writer formats it its own way,
the spreadsheet with a number format, a page through inti.angka. BAB III C's tables are in
laporan.tabel_analisis. Every function returns the tables of one
part of the report, or none when the year has nothing to show there.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from inti.angka import bulatkan, desimal_tersimpan
from inti.capaian import TipeNilai
from inti.tampilan import format_nilai
from kinerja.capaian import BarisCapaian, Nilai
from laporan import kalimat
from laporan.selectors import DataLakip
from laporan.skala import BarisSkala
from renstra.models import TargetRenstra


class Jenis(StrEnum):
    """How a number reads."""

    BULAT = "bulat"  # a count: 1.234
    ANGKA = "angka"  # two decimals: 1.234,56
    PERSEN = "persen"  # 96,70 %
    RUPIAH = "rupiah"  # whole rupiah; the column heading says (Rp)


@dataclass(frozen=True)
class Angka:
    nilai: Decimal | int | None
    jenis: Jenis
    satuan: str = ""  # printed after the number ("24 orang"); the spreadsheet's format too
    catatan: str = ""  # the note beside a recomputed figure (kalimat.catatan_tercetak)
    # Decimals printed, where not the kind's own: a target or realisasi as entered (96,7).
    desimal: int | None = None


@dataclass(frozen=True)
class Kode:
    """A value that is no number but stands among numbers, aligned as they are: a level's
    code ("BB"), a band ("90–100 %"), a change ("tetap BB")."""

    teks: str


# A cell: text, a number of its kind, a value as text, a plain number (a row's NO), or
# empty (printed "–").
Sel = Angka | Kode | str | int | Decimal | None


@dataclass(frozen=True)
class Baris:
    sel: list[Sel]
    tebal: bool = False  # a group's own row within the body (a program above its kegiatan)
    menjorok: bool = False  # a row under a group row: its text indented
    penjelas: str = ""  # a small note after the first cell ("(indikator sasaran program)")


@dataclass(frozen=True)
class Tabel:
    judul: str
    kolom: list[str]
    baris: list[Baris]
    jumlah: list[Baris] = field(default_factory=list)  # total rows under the body
    # Headings spanning several columns above the column headings: (text, columns); an
    # empty text leaves its columns' headings alone (two rows high).
    induk: list[tuple[str, int]] = field(default_factory=list)
    # Leading columns whose cell spans the rows below with the same values (NO and sasaran)
    # on the page; the spreadsheet repeats them, so that every row sorts and filters whole.
    gabung: int = 0


# ---------------------------------------------------------------- values as the PDF prints


def dua(nilai: Decimal | None) -> Decimal | None:
    return None if nilai is None else bulatkan(nilai, 2)


def sel_persen(nilai: Decimal | None) -> Angka:
    return Angka(dua(nilai), Jenis.PERSEN)


def sel_rupiah(nilai: Decimal | None) -> Angka:
    return Angka(nilai, Jenis.RUPIAH)


def sel_bulat(nilai: int | Decimal, satuan: str = "") -> Angka:
    return Angka(nilai, Jenis.BULAT, satuan)


def _jenis(tipe: str) -> Jenis | None:
    if tipe == TipeNilai.PERSENTASE:
        return Jenis.PERSEN
    return Jenis.ANGKA if tipe == TipeNilai.ANGKA else None


def _angka(nilai: Decimal, tipe: str, desimal: int | None = None) -> Sel:
    jenis = _jenis(tipe)
    return nilai if jenis is None else Angka(nilai, jenis, desimal=desimal)


def sel_nilai(nilai: Nilai | None, tipe: str) -> Sel:
    """A target or realisasi: a level's code, a band as text, else the number with the
    decimals it was entered with, at most the two the report prints."""
    if nilai is None:
        return None
    if tipe == TipeNilai.ORDINAL:
        return Kode(nilai.tingkat.kode) if nilai.tingkat else None
    if nilai.angka is None:
        return None
    if nilai.angka_atas is not None:
        return Kode(format_nilai(tipe=tipe, angka=nilai.angka, angka_atas=nilai.angka_atas))
    return _angka(bulatkan(nilai.angka, 2), tipe, desimal_tersimpan(nilai.angka, 2))


def _kategori(b: BarisCapaian) -> str:
    return b.kategori.nama if b.kategori else str(b.hasil.status.label)


# ---------------------------------------------------------------- BAB I and II


def tugas(d: DataLakip) -> list[Tabel]:
    if not (d.uraian_tugas or d.subbagian):
        return []
    tabel = [
        Tabel(
            "Uraian Tugas, Fungsi dan Wewenang",
            ["JENIS", "NO", "URAIAN"],
            [
                Baris([u.get_jenis_display(), u.urutan, u.teks])
                for daftar in d.uraian_tugas.values()
                for u in daftar
            ],
        )
    ]
    if d.subbagian:
        tabel.append(
            Tabel(
                "Uraian Tugas Subbagian",
                ["NO", "URAIAN TUGAS", "SUBBAGIAN YANG MEMBIDANGI"],
                [Baris([i, u.tugas or None, u.nama]) for i, u in enumerate(d.subbagian, start=1)],
            )
        )
    return tabel


def pegawai(d: DataLakip) -> list[Tabel]:
    if not d.pegawai:
        return []
    return [
        Tabel(
            f"Jumlah Pegawai Tahun {d.tahun}",
            ["NO", "STATUS KEPEGAWAIAN", "JUMLAH PEGAWAI"],
            [
                Baris([i, p.status_kepegawaian, sel_bulat(p.jumlah, "orang")])
                for i, p in enumerate(d.pegawai, start=1)
            ],
            [Baris(["", "Jumlah", sel_bulat(d.total_pegawai, "orang")])],
        )
    ]


def tujuan(d: DataLakip) -> list[Tabel]:
    if not d.tujuan:
        return []
    return [
        Tabel(
            "Tujuan dan Sasaran Rencana Strategis",
            ["NO", "TUJUAN", "SASARAN"],
            [
                Baris([t.nomor, t.teks, f"{s.nomor}. {s.teks}"])
                for t in d.tujuan
                for s in t.sasaran.all()
            ],
        )
    ]


def _target_renstra(t: TargetRenstra | None, tipe: str) -> Sel:
    """A Renstra target as the matrix prints it: a level's code or a whole number (the
    database holds one of the two: NilaiTarget.target_constraints)."""
    if t is None:
        return None
    if t.tingkat:
        return Kode(t.tingkat.kode)
    return None if t.nilai is None else _angka(bulatkan(t.nilai, 0), tipe, 0)


def matriks(d: DataLakip) -> list[Tabel]:
    r = d.renstra
    if r is None or not d.matriks:
        return []
    baris = []
    for nomor, nama, daftar in d.matriks:
        for b in daftar:
            nilai = [_target_renstra(t, b.indikator.tipe) for t in b.target]
            baris.append(Baris([nomor, nama, b.indikator.nama, *nilai]))
    return [
        Tabel(
            f"Target Kinerja Jangka Menengah Rencana Strategis {r.tahun_mulai}–{r.tahun_selesai}",
            ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", *map(str, d.tahun_renstra)],
            baris,
            gabung=2,
        )
    ]


def target_pk(d: DataLakip) -> list[Tabel]:
    pk = d.capaian.perjanjian
    if pk is None:
        return []
    return [
        Tabel(
            f"Target Kinerja pada {pk.judul} Tahun {d.tahun}",
            ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET"],
            [
                Baris(
                    [
                        s.sasaran.nomor,
                        s.sasaran.nama,
                        b.indikator.nama,
                        b.indikator.satuan,
                        sel_nilai(b.target, b.indikator.tipe),
                    ]
                )
                for s in d.capaian.sasaran
                for b in s.baris
            ],
        )
    ]


def pagu(d: DataLakip) -> list[Tabel]:
    if not d.anggaran.program:
        return []
    baris = []
    for p in d.anggaran.program:
        baris.append(Baris([p.program.kode, p.program.nama, sel_rupiah(p.pagu)], tebal=True))
        baris += [
            Baris([ak.kegiatan.kode_lengkap, ak.kegiatan.nama, sel_rupiah(ak.pagu)], menjorok=True)
            for ak in p.kegiatan
        ]
    return [
        Tabel(
            f"Program, Kegiatan dan Pagu Anggaran Tahun {d.tahun}",
            ["KODE", "PROGRAM / KEGIATAN", "PAGU (Rp)"],
            baris,
            [Baris(["", "Jumlah", sel_rupiah(d.anggaran.pagu)])],
        )
    ]


# ---------------------------------------------------------------- BAB III


def _skala(judul: str, kolom: list[str], skala: list[BarisSkala]) -> Tabel:
    """A scale's bands; a fourth column holds each band's KETERANGAN."""
    baris = []
    for i, b in enumerate(skala, start=1):
        sel: list[Sel] = [i, b.batas, b.rentang.nama, b.rentang.keterangan]
        baris.append(Baris(sel[: len(kolom) + 1]))
    return Tabel(judul, ["NO", *kolom], baris)


def skala_capaian(d: DataLakip) -> list[Tabel]:
    return [
        _skala(
            "Klasifikasi Penilaian Capaian Kinerja",
            ["RENTANG NILAI (%)", "KATEGORI", "KETERANGAN"],
            d.skala_capaian,
        )
    ]


KEPALA_CAPAIAN = ["INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)", "KATEGORI"]


def sel_capaian(b: BarisCapaian) -> list[Sel]:
    tipe = b.indikator.tipe
    return [
        b.indikator.nama,
        b.indikator.satuan,
        sel_nilai(b.target, tipe),
        sel_nilai(b.realisasi, tipe),
        sel_persen(b.persen),
        _kategori(b),
    ]


def capaian(d: DataLakip) -> list[Tabel]:
    return [
        Tabel(
            f"Capaian Kinerja Tahun {d.tahun}",
            ["NO", "SASARAN STRATEGIS", *KEPALA_CAPAIAN],
            [
                Baris([s.sasaran.nomor, s.sasaran.nama, *sel_capaian(b)])
                for s in d.capaian.sasaran
                for b in s.baris
            ],
        ),
        Tabel(
            "Ringkasan kategori",
            ["KATEGORI", "JUMLAH INDIKATOR"],
            [Baris([str(nama), sel_bulat(n)]) for nama, n in d.capaian.ringkasan.items()],
        ),
    ]


def _tercetak(d: DataLakip, nilai: Decimal | None, kunci: str, jenis: Jenis) -> Angka:
    """A recomputed figure with the note where the source document printed another one
    (LaporanKinerja.angka_tercetak, keyed like "tabel-sakip/jumlah/total")."""
    catatan = kalimat.catatan_tercetak(d.angka_tercetak.get(kunci), nilai)
    return Angka(dua(nilai), jenis, catatan=catatan)


def sakip(d: DataLakip) -> list[Tabel]:
    s = d.sakip
    if s is None:
        return []
    jumlah = [
        _tercetak(d, t, f"tabel-sakip/jumlah/{kolom}", Jenis.ANGKA)
        for t, kolom in zip(
            s.hasil.total_subkomponen, ("keberadaan", "kualitas", "pemanfaatan"), strict=True
        )
    ]
    total = _tercetak(d, s.hasil.total, "tabel-sakip/jumlah/total", Jenis.ANGKA)
    return [
        Tabel(
            f"Hasil Evaluasi SAKIP Tahun {s.evaluasi.tahun}",
            [
                "KOMPONEN",
                "BOBOT",
                "KEBERADAAN (20%)",
                "KUALITAS (30%)",
                "PEMANFAATAN (50%)",
                "TOTAL NILAI",
            ],
            [
                Baris(
                    [
                        k.nama,
                        sel_bulat(bulatkan(k.bobot, 0)),
                        *(
                            Angka(bulatkan(x, 2), Jenis.ANGKA)
                            for x in (
                                k.nilai_keberadaan,
                                k.nilai_kualitas,
                                k.nilai_pemanfaatan,
                                total,
                            )
                        ),
                    ]
                )
                for k, total in s.komponen
            ],
            [
                Baris(
                    [
                        "Nilai Akuntabilitas Kinerja",
                        sel_bulat(bulatkan(s.bobot_total, 0)),
                        *jumlah,
                        total,
                    ]
                ),
                Baris(["Predikat", None, None, None, None, Kode(s.hasil.predikat)]),
            ],
            [("", 2), ("NILAI SUBKOMPONEN", 3), ("", 1)],
        )
    ]


def logistik(d: DataLakip, indeks: int) -> list[Tabel]:
    lg = d.logistik[indeks]
    return [
        Tabel(
            f"Rekap Pengadaan dan Distribusi Logistik {lg.pemilihan.nama}",
            [
                "NO",
                "JENIS LOGISTIK",
                "SATUAN",
                "DIPESAN",
                "DITERIMA",
                "BAIK",
                "RUSAK",
                "(n)",
                "(%)",
            ],
            [
                Baris(
                    [
                        b.logistik.urutan,
                        b.logistik.jenis,
                        b.logistik.satuan,
                        *map(sel_bulat, (b.logistik.dipesan, b.logistik.diterima)),
                        *map(sel_bulat, (b.logistik.baik, b.logistik.rusak, b.kurang)),
                        sel_persen(b.persen),
                    ]
                )
                for b in lg.baris
            ],
            induk=[("", 5), ("HASIL PENYORTIRAN", 2), ("KURANG/RUSAK", 2)],
        )
    ]


def produk_hukum(d: DataLakip) -> list[Tabel]:
    if not d.produk_hukum:
        return []
    return [
        Tabel(
            f"Rekap Dokumen Produk Hukum Tahun {d.tahun}",
            ["JENIS DOKUMEN", "HARDCOPY", "SOFTCOPY"],
            [
                Baris(
                    [
                        p.jenis_dokumen,
                        sel_bulat(p.jumlah_hardcopy, p.satuan),
                        sel_bulat(p.jumlah_softcopy, p.satuan),
                    ]
                )
                for p in d.produk_hukum
            ],
        )
    ]


def realisasi_anggaran(d: DataLakip) -> list[Tabel]:
    ang = d.anggaran
    if not ang.program:
        return []
    return [
        Tabel(
            f"Realisasi Anggaran per Program Tahun {d.tahun}",
            ["KODE", "PROGRAM", "PAGU (Rp)", "REALISASI (Rp)", "SERAPAN", "KATEGORI"],
            [
                Baris(
                    [
                        p.program.kode,
                        p.program.nama,
                        sel_rupiah(p.pagu),
                        sel_rupiah(p.realisasi),
                        _tercetak(
                            d,
                            p.serapan,
                            f"tabel-realisasi/{p.program.kode}/serapan",
                            Jenis.PERSEN,
                        ),
                        p.kategori.nama if p.kategori else None,
                    ]
                )
                for p in ang.program
            ],
            [
                Baris(
                    [
                        "",
                        "Jumlah",
                        sel_rupiah(ang.pagu),
                        sel_rupiah(ang.realisasi),
                        sel_persen(ang.serapan),
                        ang.kategori.nama if ang.kategori else None,
                    ]
                )
            ],
        ),
        *sumber_dana(d),
    ]


def sumber_dana(d: DataLakip) -> list[Tabel]:
    """The unit agreements' kegiatan by source of funds against the DIPA pagu."""
    r = d.rekonsiliasi
    if r is None:
        return []
    return [
        Tabel(
            f"Kegiatan Perjanjian Kinerja Unit menurut Sumber Dana Tahun {d.tahun}",
            ["SUMBER DANA", "KEGIATAN", "ANGGARAN (Rp)"],
            [Baris([x.label, sel_bulat(x.banyak), sel_rupiah(x.jumlah)]) for x in r.sumber],
            [
                Baris(["Jumlah", None, sel_rupiah(r.total)]),
                Baris(["Pagu DIPA", None, sel_rupiah(r.pagu)]),
            ],
        )
    ]


def efektivitas_anggaran(d: DataLakip) -> list[Tabel]:
    if not d.anggaran.program:
        return []
    return [
        _skala(
            "Ukuran Efektivitas Kinerja Anggaran",
            ["SERAPAN ANGGARAN (%)", "KRITERIA"],
            d.skala_anggaran,
        )
    ]
