"""The LAKIP's tables as data: caption, column headings, rows and total rows, with the
figures rounded the way the report prints them (inti.angka.bulatkan).

One definition per table, read from laporan.selectors.DataLakip; a writer iterates them
(laporan.xlsx puts them on sheets), so a table added here needs no second hand-built copy.
A number carries its kind (Angka): each writer formats it its own way, the spreadsheet
with a number format, a page through inti.angka. Every function returns the tables of one
part of the report, or none when the year has nothing to show there.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from inti.angka import bulatkan
from inti.capaian import TipeNilai
from inti.tampilan import format_nilai
from kinerja.capaian import BarisCapaian, Nilai
from laporan import kalimat
from laporan.analisis import AnalisisLakip
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


# A cell: text, a number of its kind, a plain number (a row's NO), or empty (printed "–").
Sel = Angka | str | int | Decimal | None


@dataclass(frozen=True)
class Baris:
    sel: list[Sel]
    tebal: bool = False  # a group's own row within the body (a program above its kegiatan)


@dataclass(frozen=True)
class Tabel:
    judul: str
    kolom: list[str]
    baris: list[Baris]
    jumlah: list[Baris] = field(default_factory=list)  # total rows under the body


# ---------------------------------------------------------------- values as the PDF prints


def _dua(nilai: Decimal | None) -> Decimal | None:
    return None if nilai is None else bulatkan(nilai, 2)


def _persen(nilai: Decimal | None) -> Angka:
    return Angka(_dua(nilai), Jenis.PERSEN)


def _rupiah(nilai: Decimal | None) -> Angka:
    return Angka(nilai, Jenis.RUPIAH)


def _bulat(nilai: int | Decimal) -> Angka:
    return Angka(nilai, Jenis.BULAT)


def _jenis(tipe: str) -> Jenis | None:
    if tipe == TipeNilai.PERSENTASE:
        return Jenis.PERSEN
    return Jenis.ANGKA if tipe == TipeNilai.ANGKA else None


def _angka(nilai: Decimal, tipe: str) -> Sel:
    jenis = _jenis(tipe)
    return nilai if jenis is None else Angka(nilai, jenis)


def _nilai(nilai: Nilai, tipe: str) -> Sel:
    """A target or realisasi: a level's code, a band as text, else the number rounded to the
    two decimals the report prints at most."""
    if tipe == TipeNilai.ORDINAL:
        return nilai.tingkat.kode if nilai.tingkat else None
    if nilai.angka is None:
        return None
    if nilai.angka_atas is not None:
        return format_nilai(tipe=tipe, angka=nilai.angka, angka_atas=nilai.angka_atas)
    return _angka(bulatkan(nilai.angka, 2), tipe)


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
            ["NO", "STATUS KEPEGAWAIAN", "JUMLAH PEGAWAI (orang)"],
            [
                Baris([i, p.status_kepegawaian, _bulat(p.jumlah)])
                for i, p in enumerate(d.pegawai, start=1)
            ],
            [Baris(["", "Jumlah", _bulat(d.total_pegawai)])],
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
        return t.tingkat.kode
    return None if t.nilai is None else _angka(bulatkan(t.nilai, 0), tipe)


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
                        _nilai(b.target, b.indikator.tipe),
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
        baris.append(Baris([p.program.kode, p.program.nama, _rupiah(p.pagu)], tebal=True))
        baris += [
            Baris([ak.kegiatan.kode, ak.kegiatan.nama, _rupiah(ak.pagu)]) for ak in p.kegiatan
        ]
    return [
        Tabel(
            f"Program, Kegiatan dan Pagu Anggaran Tahun {d.tahun}",
            ["KODE", "PROGRAM / KEGIATAN", "PAGU (Rp)"],
            baris,
            [Baris(["", "Jumlah", _rupiah(d.anggaran.pagu)])],
        )
    ]


# ---------------------------------------------------------------- BAB III


def _skala(judul: str, kolom: str, skala: list[BarisSkala]) -> Tabel:
    return Tabel(
        judul,
        ["NO", kolom, "KATEGORI", "KETERANGAN"],
        [
            Baris([i, b.batas, b.rentang.nama, b.rentang.keterangan or None])
            for i, b in enumerate(skala, start=1)
        ],
    )


def skala_capaian(d: DataLakip) -> list[Tabel]:
    return [_skala("Klasifikasi Penilaian Capaian Kinerja", "RENTANG NILAI (%)", d.skala_capaian)]


KEPALA_CAPAIAN = ["INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)", "KATEGORI"]


def _sel_capaian(b: BarisCapaian) -> list[Sel]:
    tipe = b.indikator.tipe
    return [
        b.indikator.nama,
        b.indikator.satuan,
        _nilai(b.target, tipe),
        _nilai(b.realisasi, tipe),
        _persen(b.persen),
        _kategori(b),
    ]


def capaian(d: DataLakip) -> list[Tabel]:
    return [
        Tabel(
            f"Capaian Kinerja Tahun {d.tahun}",
            ["NO", "SASARAN STRATEGIS", *KEPALA_CAPAIAN],
            [
                Baris([s.sasaran.nomor, s.sasaran.nama, *_sel_capaian(b)])
                for s in d.capaian.sasaran
                for b in s.baris
            ],
        ),
        Tabel(
            "Ringkasan kategori",
            ["KATEGORI", "JUMLAH INDIKATOR"],
            [Baris([str(nama), _bulat(n)]) for nama, n in d.capaian.ringkasan.items()],
        ),
    ]


def sasaran(d: DataLakip, nomor: int) -> list[Tabel]:
    """The tables of one sasaran's analysis (BAB III C), those it has."""
    a = next(a for a in d.analisis if a.sasaran.nomor == nomor)
    tabel = [
        Tabel(
            f"Capaian Kinerja Sasaran Strategis {nomor}: {a.sasaran.nama}",
            KEPALA_CAPAIAN,
            [Baris(_sel_capaian(b)) for b in a.capaian.baris],
            [Baris(["Rata-rata capaian", None, None, None, _persen(a.rata_rata), None])],
        )
    ]
    if a.baris_lalu:
        tabel.append(_perbandingan_lalu(a, d.tahun))
    if a.baris_renstra and d.renstra is not None:
        tabel.append(_perbandingan_renstra(a, d.tahun, d.renstra.tahun_selesai))
    if a.baris_kendala:
        tabel.append(
            Tabel(
                f"Kendala dan Tindak Lanjut, Sasaran Strategis {nomor}",
                ["INDIKATOR KINERJA", "KENDALA", "TINDAK LANJUT"],
                [
                    Baris([b.indikator.nama, b.kendala or None, b.tindak_lanjut or None])
                    for b in a.baris_kendala
                ],
            )
        )
    if a.kegiatan:
        tabel.append(_kegiatan(a))
    return tabel


def _perbandingan_lalu(a: AnalisisLakip, tahun: int) -> Tabel:
    lalu = tahun - 1
    baris = []
    for b in a.baris_lalu:
        tipe = b.indikator.tipe
        # A level's change reads as the report prints it ("tetap BB").
        perubahan = (
            kalimat.TIDAK_DAPAT_DIBANDINGKAN
            if b.tidak_dapat_dibandingkan
            else kalimat.perubahan_tingkat_baris(b)
            if b.indikator.is_ordinal
            else Angka(_dua(b.perubahan), Jenis.ANGKA)
        )
        sel = [
            b.indikator.nama,
            _nilai(b.target_lalu, tipe),
            _nilai(b.realisasi_lalu, tipe),
            _persen(b.hasil_lalu.persen if b.hasil_lalu else None),
            _nilai(b.target, tipe),
            _nilai(b.realisasi, tipe),
            _persen(b.persen),
            perubahan,
        ]
        baris.append(Baris(sel))
    return Tabel(
        f"Perbandingan Capaian Tahun {lalu} dan {tahun}, Sasaran {a.sasaran.nomor}",
        [
            "INDIKATOR KINERJA",
            f"TARGET {lalu}",
            f"REALISASI {lalu}",
            f"CAPAIAN {lalu} (%)",
            f"TARGET {tahun}",
            f"REALISASI {tahun}",
            f"CAPAIAN {tahun} (%)",
            "PERUBAHAN (POIN)",
        ],
        baris,
    )


def _perbandingan_renstra(a: AnalisisLakip, tahun: int, akhir: int) -> Tabel:
    return Tabel(
        f"Perbandingan Capaian dengan Target Jangka Menengah, Sasaran {a.sasaran.nomor}",
        [
            "INDIKATOR KINERJA",
            f"TARGET RENSTRA {tahun}",
            f"TARGET RENSTRA {akhir} (AKHIR)",
            f"REALISASI {tahun - 1}",
            f"REALISASI {tahun}",
            f"CAPAIAN TERHADAP TARGET {akhir} (%)",
        ],
        [
            Baris(
                [
                    b.indikator.nama,
                    _nilai(b.target_renstra, b.indikator.tipe),
                    _nilai(b.target_renstra_akhir, b.indikator.tipe),
                    _nilai(b.realisasi_lalu, b.indikator.tipe),
                    _nilai(b.realisasi, b.indikator.tipe),
                    _persen(b.progres_akhir.persen if b.progres_akhir else None),
                ]
            )
            for b in a.baris_renstra
        ],
    )


def _kegiatan(a: AnalisisLakip) -> Tabel:
    return Tabel(
        f"Kegiatan Pendukung Sasaran Strategis {a.sasaran.nomor}",
        ["UNIT KERJA", "KODE", "KEGIATAN", "ANGGARAN (Rp)"],
        [
            Baris(
                [
                    k.unit.nama_singkat,
                    k.kegiatan.kegiatan.kode if k.kegiatan.kegiatan else None,
                    k.kegiatan.uraian,
                    _rupiah(k.kegiatan.anggaran),
                ]
            )
            for k in a.kegiatan
        ],
        [Baris(["Jumlah", None, None, _rupiah(a.total_kegiatan)])],
    )


def sakip(d: DataLakip) -> list[Tabel]:
    s = d.sakip
    if s is None:
        return []
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
                        _bulat(bulatkan(k.bobot, 0)),
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
                        _bulat(bulatkan(s.bobot_total, 0)),
                        *(Angka(bulatkan(t, 2), Jenis.ANGKA) for t in s.hasil.total_subkomponen),
                        Angka(bulatkan(s.hasil.total, 2), Jenis.ANGKA),
                    ]
                ),
                Baris(["Predikat", None, None, None, None, s.hasil.predikat]),
            ],
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
                "KURANG/RUSAK (n)",
                "KURANG/RUSAK (%)",
            ],
            [
                Baris(
                    [
                        b.logistik.urutan,
                        b.logistik.jenis,
                        b.logistik.satuan,
                        *map(_bulat, (b.logistik.dipesan, b.logistik.diterima)),
                        *map(_bulat, (b.logistik.baik, b.logistik.rusak, b.kurang)),
                        _persen(b.persen),
                    ]
                )
                for b in lg.baris
            ],
        )
    ]


def produk_hukum(d: DataLakip) -> list[Tabel]:
    if not d.produk_hukum:
        return []
    return [
        Tabel(
            f"Rekap Dokumen Produk Hukum Tahun {d.tahun}",
            ["JENIS DOKUMEN", "HARDCOPY", "SOFTCOPY", "SATUAN"],
            [
                Baris(
                    [
                        p.jenis_dokumen,
                        _bulat(p.jumlah_hardcopy),
                        _bulat(p.jumlah_softcopy),
                        p.satuan,
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
            ["KODE", "PROGRAM", "PAGU (Rp)", "REALISASI (Rp)", "SERAPAN (%)", "KATEGORI"],
            [
                Baris(
                    [
                        p.program.kode,
                        p.program.nama,
                        _rupiah(p.pagu),
                        _rupiah(p.realisasi),
                        _persen(p.serapan),
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
                        _rupiah(ang.pagu),
                        _rupiah(ang.realisasi),
                        _persen(ang.serapan),
                        ang.kategori.nama if ang.kategori else None,
                    ]
                )
            ],
        )
    ]


def efektivitas_anggaran(d: DataLakip) -> list[Tabel]:
    if not d.anggaran.program:
        return []
    return [_skala("Ukuran Efektivitas Kinerja Anggaran", "SERAPAN ANGGARAN (%)", d.skala_anggaran)]
