"""Every table of the LAKIP as a spreadsheet: one workbook with a sheet per table (or per
sasaran, whose tables stand one under the other), or a workbook with one of them.

The figures are those of laporan.selectors.data_lakip, the data the HTML and the PDF print,
rounded the way the template prints them (inti.angka.bulatkan): a cell equals the
figure in the PDF. Numbers are numbers, with number formats that Excel shows the user's way
(an Indonesian Excel shows 91,26 %); text goes through inti.xlsx.sel_aman.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from inti.angka import bulatkan
from inti.capaian import TipeNilai
from inti.tampilan import format_nilai
from inti.xlsx import (
    FORMAT_ANGKA,
    FORMAT_BULAT,
    FORMAT_PERSEN,
    FORMAT_RUPIAH,
    judul_kolom,
    ke_bytes,
    tulis,
)
from kinerja.capaian import BarisCapaian, Nilai
from laporan import kalimat
from laporan.selectors import DataLakip


@dataclass(frozen=True)
class TabelLakip:
    kunci: str  # in the URL: /laporan/<org>/<tahun>/xlsx/<kunci>/
    lembar: str  # sheet name (at most 31 characters)
    judul: str  # as the report captions it
    isi: Callable[["_Lembar", DataLakip], None]


class _Lembar:
    """Writes tables one under the other on a sheet."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws, self.baris = ws, 1
        self.lebar: dict[int, int] = {}

    def judul(self, teks: str) -> None:
        if self.baris > 1:
            self.baris += 1
        tulis(self.ws, self.baris, 1, teks).font = Font(bold=True)
        self.baris += 1

    def kepala(self, kolom: list[str]) -> None:
        judul_kolom(self.ws, self.baris, kolom)
        self.baris += 1

    def isi(self, nilai: list, format_angka: list[str | None] | None = None) -> None:
        for kolom, v in enumerate(nilai, start=1):
            fmt = format_angka[kolom - 1] if format_angka else None
            sel = tulis(self.ws, self.baris, kolom, v, fmt)
            if isinstance(v, str):
                sel.alignment = Alignment(wrap_text=True, vertical="top")
                self.lebar[kolom] = max(self.lebar.get(kolom, 8), min(len(v), 60))
            else:
                self.lebar[kolom] = max(self.lebar.get(kolom, 8), 14)
        self.baris += 1

    def jumlah(self, nilai: list, format_angka: list[str | None] | None = None) -> None:
        awal = self.baris
        self.isi(nilai, format_angka)
        for kolom in range(1, len(nilai) + 1):
            self.ws.cell(row=awal, column=kolom).font = Font(bold=True)

    def rapikan(self) -> None:
        for kolom, lebar in self.lebar.items():
            self.ws.column_dimensions[get_column_letter(kolom)].width = lebar + 2


# ---------------------------------------------------------------- values as the PDF prints


def _nilai(nilai: Nilai, tipe: str) -> Decimal | str | None:
    """A target or realisasi: a level's code, a band as text, else the number rounded to the
    two decimals the report prints at most."""
    if tipe == TipeNilai.ORDINAL:
        return nilai.tingkat.kode if nilai.tingkat else None
    if nilai.angka is None:
        return None
    if nilai.angka_atas is not None:
        return format_nilai(tipe=tipe, angka=nilai.angka, angka_atas=nilai.angka_atas)
    return bulatkan(nilai.angka, 2)


def _format(tipe: str) -> str | None:
    if tipe == TipeNilai.PERSENTASE:
        return FORMAT_PERSEN
    return FORMAT_ANGKA if tipe == TipeNilai.ANGKA else None


def _persen(nilai: Decimal | None) -> Decimal | None:
    return None if nilai is None else bulatkan(nilai, 2)


def _kategori(b: BarisCapaian) -> str:
    return b.kategori.nama if b.kategori else str(b.hasil.status.label)


# ---------------------------------------------------------------- the tables


KEPALA_CAPAIAN = [
    "INDIKATOR KINERJA",
    "SATUAN",
    "TARGET",
    "REALISASI",
    "CAPAIAN (%)",
    "KATEGORI",
]


def _baris_capaian(lembar: _Lembar, b: BarisCapaian, awal: list) -> None:
    tipe = b.indikator.tipe
    lembar.isi(
        [
            *awal,
            b.indikator.nama,
            b.indikator.satuan,
            _nilai(b.target, tipe),
            _nilai(b.realisasi, tipe),
            _persen(b.persen),
            _kategori(b),
        ],
        [*([None] * len(awal)), None, None, _format(tipe), _format(tipe), FORMAT_PERSEN, None],
    )


def _capaian(lembar: _Lembar, d: DataLakip) -> None:
    lembar.judul(f"Capaian Kinerja Tahun {d.tahun}")
    lembar.kepala(["NO", "SASARAN STRATEGIS", *KEPALA_CAPAIAN])
    for s in d.capaian.sasaran:
        for b in s.baris:
            _baris_capaian(lembar, b, [s.sasaran.nomor, s.sasaran.nama])
    lembar.judul("Ringkasan kategori")
    lembar.kepala(["KATEGORI", "JUMLAH INDIKATOR"])
    for nama, jumlah in d.capaian.ringkasan.items():
        lembar.isi([str(nama), jumlah], [None, FORMAT_BULAT])


def _target_pk(lembar: _Lembar, d: DataLakip) -> None:
    pk = d.capaian.perjanjian
    lembar.judul(f"Target Kinerja pada {pk.judul if pk else 'Perjanjian Kinerja'} Tahun {d.tahun}")
    lembar.kepala(["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET"])
    for s in d.capaian.sasaran:
        for b in s.baris:
            tipe = b.indikator.tipe
            lembar.isi(
                [
                    s.sasaran.nomor,
                    s.sasaran.nama,
                    b.indikator.nama,
                    b.indikator.satuan,
                    _nilai(b.target, tipe),
                ],
                [None, None, None, None, _format(tipe)],
            )


def _sasaran(nomor: int) -> Callable[[_Lembar, DataLakip], None]:
    def tulis_sasaran(lembar: _Lembar, d: DataLakip) -> None:
        a = next(a for a in d.analisis if a.sasaran.nomor == nomor)
        lembar.judul(f"Capaian Kinerja Sasaran Strategis {nomor}: {a.sasaran.nama}")
        lembar.kepala(KEPALA_CAPAIAN)
        for b in a.capaian.baris:
            _baris_capaian(lembar, b, [])
        lembar.jumlah(
            ["Rata-rata capaian", None, None, None, _persen(a.rata_rata), None],
            [None, None, None, None, FORMAT_PERSEN, None],
        )
        if a.baris_lalu:
            lalu = d.tahun - 1
            lembar.judul(f"Perbandingan Capaian Tahun {lalu} dan {d.tahun}, Sasaran {nomor}")
            lembar.kepala(
                [
                    "INDIKATOR KINERJA",
                    f"TARGET {lalu}",
                    f"REALISASI {lalu}",
                    f"CAPAIAN {lalu} (%)",
                    f"TARGET {d.tahun}",
                    f"REALISASI {d.tahun}",
                    f"CAPAIAN {d.tahun} (%)",
                    "PERUBAHAN (POIN)",
                ]
            )
            for b in a.baris_lalu:
                tipe, f = b.indikator.tipe, _format(b.indikator.tipe)
                lembar.isi(
                    [
                        b.indikator.nama,
                        _nilai(b.target_lalu, tipe),
                        _nilai(b.realisasi_lalu, tipe),
                        _persen(b.hasil_lalu.persen if b.hasil_lalu else None),
                        _nilai(b.target, tipe),
                        _nilai(b.realisasi, tipe),
                        _persen(b.persen),
                        # A level's change reads as the report prints it ("tetap BB").
                        kalimat.perubahan_tingkat_baris(b)
                        if b.indikator.is_ordinal
                        else _persen(b.perubahan),
                    ],
                    [None, f, f, FORMAT_PERSEN, f, f, FORMAT_PERSEN, FORMAT_ANGKA],
                )
        if a.baris_renstra and d.renstra is not None:
            akhir = d.renstra.tahun_selesai
            lembar.judul(f"Perbandingan Capaian dengan Target Jangka Menengah, Sasaran {nomor}")
            lembar.kepala(
                [
                    "INDIKATOR KINERJA",
                    f"TARGET RENSTRA {d.tahun}",
                    f"TARGET RENSTRA {akhir} (AKHIR)",
                    f"REALISASI {d.tahun - 1}",
                    f"REALISASI {d.tahun}",
                    f"CAPAIAN TERHADAP TARGET {akhir} (%)",
                ]
            )
            for b in a.baris_renstra:
                tipe, f = b.indikator.tipe, _format(b.indikator.tipe)
                lembar.isi(
                    [
                        b.indikator.nama,
                        _nilai(b.target_renstra, tipe),
                        _nilai(b.target_renstra_akhir, tipe),
                        _nilai(b.realisasi_lalu, tipe),
                        _nilai(b.realisasi, tipe),
                        _persen(b.progres_akhir.persen if b.progres_akhir else None),
                    ],
                    [None, f, f, f, f, FORMAT_PERSEN],
                )
        if a.baris_kendala:
            lembar.judul(f"Kendala dan Tindak Lanjut, Sasaran Strategis {nomor}")
            lembar.kepala(["INDIKATOR KINERJA", "KENDALA", "TINDAK LANJUT"])
            for b in a.baris_kendala:
                lembar.isi([b.indikator.nama, b.kendala or None, b.tindak_lanjut or None])
        if a.kegiatan:
            lembar.judul(f"Kegiatan Pendukung Sasaran Strategis {nomor}")
            lembar.kepala(["UNIT KERJA", "KODE", "KEGIATAN", "ANGGARAN (Rp)"])
            for k in a.kegiatan:
                kegiatan = k.kegiatan
                lembar.isi(
                    [
                        k.unit.nama_singkat,
                        kegiatan.kegiatan.kode if kegiatan.kegiatan_id else None,
                        kegiatan.uraian,
                        kegiatan.anggaran,
                    ],
                    [None, None, None, FORMAT_RUPIAH],
                )
            lembar.jumlah(
                ["Jumlah", None, None, a.total_kegiatan], [None, None, None, FORMAT_RUPIAH]
            )

    return tulis_sasaran


def _pagu(lembar: _Lembar, d: DataLakip) -> None:
    lembar.judul(f"Program, Kegiatan dan Pagu Anggaran Tahun {d.tahun}")
    lembar.kepala(["KODE", "PROGRAM / KEGIATAN", "PAGU (Rp)"])
    for p in d.anggaran.program:
        lembar.jumlah([p.program.kode, p.program.nama, p.pagu], [None, None, FORMAT_RUPIAH])
        for ak in p.kegiatan:
            lembar.isi([ak.kegiatan.kode, ak.kegiatan.nama, ak.pagu], [None, None, FORMAT_RUPIAH])
    lembar.jumlah(["", "Jumlah", d.anggaran.pagu], [None, None, FORMAT_RUPIAH])


def _realisasi_anggaran(lembar: _Lembar, d: DataLakip) -> None:
    ang = d.anggaran
    fmt = [None, None, FORMAT_RUPIAH, FORMAT_RUPIAH, FORMAT_PERSEN, None]
    lembar.judul(f"Realisasi Anggaran per Program Tahun {d.tahun}")
    lembar.kepala(["KODE", "PROGRAM", "PAGU (Rp)", "REALISASI (Rp)", "SERAPAN (%)", "KATEGORI"])
    for p in ang.program:
        lembar.isi(
            [
                p.program.kode,
                p.program.nama,
                p.pagu,
                p.realisasi,
                _persen(p.serapan),
                p.kategori.nama if p.kategori else None,
            ],
            fmt,
        )
    lembar.jumlah(
        [
            "",
            "Jumlah",
            ang.pagu,
            ang.realisasi,
            _persen(ang.serapan),
            ang.kategori.nama if ang.kategori else None,
        ],
        fmt,
    )


def _skala(judul: str, kolom: str, ambil) -> Callable[[_Lembar, DataLakip], None]:
    def tulis_skala(lembar: _Lembar, d: DataLakip) -> None:
        lembar.judul(judul)
        lembar.kepala(["NO", kolom, "KATEGORI", "KETERANGAN"])
        for i, b in enumerate(ambil(d), start=1):
            lembar.isi([i, b.batas, b.rentang.nama, b.rentang.keterangan or None])

    return tulis_skala


def _sakip(lembar: _Lembar, d: DataLakip) -> None:
    s = d.sakip
    lembar.judul(f"Hasil Evaluasi SAKIP Tahun {s.evaluasi.tahun}")
    lembar.kepala(
        [
            "KOMPONEN",
            "BOBOT",
            "KEBERADAAN (20%)",
            "KUALITAS (30%)",
            "PEMANFAATAN (50%)",
            "TOTAL NILAI",
        ]
    )
    fmt = [None, FORMAT_BULAT, FORMAT_ANGKA, FORMAT_ANGKA, FORMAT_ANGKA, FORMAT_ANGKA]
    for k, total in s.komponen:
        lembar.isi(
            [
                k.nama,
                bulatkan(k.bobot, 0),
                bulatkan(k.nilai_keberadaan, 2),
                bulatkan(k.nilai_kualitas, 2),
                bulatkan(k.nilai_pemanfaatan, 2),
                bulatkan(total, 2),
            ],
            fmt,
        )
    lembar.jumlah(
        [
            "Nilai Akuntabilitas Kinerja",
            bulatkan(s.bobot_total, 0),
            *(bulatkan(t, 2) for t in s.hasil.total_subkomponen),
            bulatkan(s.hasil.total, 2),
        ],
        fmt,
    )
    lembar.jumlah(["Predikat", None, None, None, None, s.hasil.predikat])


def _logistik(indeks: int) -> Callable[[_Lembar, DataLakip], None]:
    def tulis_logistik(lembar: _Lembar, d: DataLakip) -> None:
        lg = d.logistik[indeks]
        lembar.judul(f"Rekap Pengadaan dan Distribusi Logistik {lg.pemilihan.nama}")
        lembar.kepala(
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
            ]
        )
        bulat = FORMAT_BULAT
        for b in lg.baris:
            x = b.logistik
            lembar.isi(
                [
                    x.urutan,
                    x.jenis,
                    x.satuan,
                    x.dipesan,
                    x.diterima,
                    x.baik,
                    x.rusak,
                    b.kurang,
                    _persen(b.persen),
                ],
                [None, None, None, bulat, bulat, bulat, bulat, bulat, FORMAT_PERSEN],
            )

    return tulis_logistik


def _produk_hukum(lembar: _Lembar, d: DataLakip) -> None:
    lembar.judul(f"Rekap Dokumen Produk Hukum Tahun {d.tahun}")
    lembar.kepala(["JENIS DOKUMEN", "HARDCOPY", "SOFTCOPY", "SATUAN"])
    for p in d.produk_hukum:
        lembar.isi(
            [p.jenis_dokumen, p.jumlah_hardcopy, p.jumlah_softcopy, p.satuan],
            [None, FORMAT_BULAT, FORMAT_BULAT, None],
        )


def _pegawai(lembar: _Lembar, d: DataLakip) -> None:
    lembar.judul(f"Jumlah Pegawai Tahun {d.tahun}")
    lembar.kepala(["NO", "STATUS KEPEGAWAIAN", "JUMLAH PEGAWAI (orang)"])
    for i, p in enumerate(d.pegawai, start=1):
        lembar.isi([i, p.status_kepegawaian, p.jumlah], [None, None, FORMAT_BULAT])
    lembar.jumlah(["", "Jumlah", d.total_pegawai], [None, None, FORMAT_BULAT])


def _matriks(lembar: _Lembar, d: DataLakip) -> None:
    r = d.renstra
    lembar.judul(
        f"Target Kinerja Jangka Menengah Rencana Strategis {r.tahun_mulai}–{r.tahun_selesai}"
    )
    lembar.kepala(["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", *map(str, d.tahun_renstra)])
    for nomor, nama, baris in d.matriks:
        for b in baris:
            tipe = b.indikator.tipe
            nilai = [
                None if t is None else (t.tingkat.kode if t.tingkat_id else bulatkan(t.nilai, 0))
                for t in b.target
            ]
            lembar.isi(
                [nomor, nama, b.indikator.nama, *nilai],
                [None, None, None, *([_format(tipe)] * len(nilai))],
            )


def _tujuan(lembar: _Lembar, d: DataLakip) -> None:
    lembar.judul("Tujuan dan Sasaran Rencana Strategis")
    lembar.kepala(["NO", "TUJUAN", "SASARAN"])
    for t in d.tujuan:
        for s in t.sasaran.all():
            lembar.isi([t.nomor, t.teks, f"{s.nomor}. {s.teks}"])


def _tugas(lembar: _Lembar, d: DataLakip) -> None:
    lembar.judul("Uraian Tugas, Fungsi dan Wewenang")
    lembar.kepala(["JENIS", "NO", "URAIAN"])
    for daftar in d.uraian_tugas.values():
        for u in daftar:
            lembar.isi([u.get_jenis_display(), u.urutan, u.teks])
    if d.subbagian:
        lembar.judul("Uraian Tugas Subbagian")
        lembar.kepala(["NO", "URAIAN TUGAS", "SUBBAGIAN YANG MEMBIDANGI"])
        for i, u in enumerate(d.subbagian, start=1):
            lembar.isi([i, u.tugas or None, u.nama])


def daftar_tabel(d: DataLakip) -> list[TabelLakip]:
    """The tables this year's report has, in the order the report prints them."""
    tabel: list[TabelLakip] = []
    if d.uraian_tugas or d.subbagian:
        tabel.append(TabelLakip("tugas", "Tugas dan Fungsi", "Uraian tugas dan fungsi", _tugas))
    if d.pegawai:
        tabel.append(TabelLakip("pegawai", "Pegawai", "Jumlah pegawai", _pegawai))
    if d.tujuan:
        tabel.append(TabelLakip("tujuan", "Tujuan", "Tujuan dan sasaran Renstra", _tujuan))
    if d.matriks:
        tabel.append(TabelLakip("renstra", "Target Renstra", "Target jangka menengah", _matriks))
    if d.capaian.perjanjian:
        tabel.append(TabelLakip("target", "Target PK", "Target Perjanjian Kinerja", _target_pk))
    if d.anggaran.program:
        tabel.append(TabelLakip("pagu", "Pagu", "Program, kegiatan dan pagu", _pagu))
    tabel.append(
        TabelLakip(
            "skala",
            "Skala Capaian",
            "Klasifikasi penilaian capaian",
            _skala(
                "Klasifikasi Penilaian Capaian Kinerja",
                "RENTANG NILAI (%)",
                lambda d: d.skala_capaian,
            ),
        )
    )
    tabel.append(TabelLakip("capaian", "Capaian", "Capaian kinerja seluruh indikator", _capaian))
    for a in d.analisis:
        n = a.sasaran.nomor
        tabel.append(
            TabelLakip(f"sasaran-{n}", f"Sasaran {n}", f"Tabel sasaran strategis {n}", _sasaran(n))
        )
    if d.sakip:
        tabel.append(TabelLakip("sakip", "SAKIP", "Hasil evaluasi SAKIP", _sakip))
    for i, lg in enumerate(d.logistik):
        nama = "Logistik" if len(d.logistik) == 1 else f"Logistik {i + 1}"
        tabel.append(
            TabelLakip(f"logistik-{i + 1}", nama, f"Logistik {lg.pemilihan.nama}", _logistik(i))
        )
    if d.produk_hukum:
        tabel.append(TabelLakip("produk-hukum", "Produk Hukum", "Produk hukum", _produk_hukum))
    if d.anggaran.program:
        tabel.append(
            TabelLakip(
                "realisasi-anggaran",
                "Realisasi Anggaran",
                "Realisasi anggaran per program",
                _realisasi_anggaran,
            )
        )
        tabel.append(
            TabelLakip(
                "efektivitas",
                "Efektivitas Anggaran",
                "Ukuran efektivitas kinerja anggaran",
                _skala(
                    "Ukuran Efektivitas Kinerja Anggaran",
                    "SERAPAN ANGGARAN (%)",
                    lambda d: d.skala_anggaran,
                ),
            )
        )
    return tabel


def lakip_xlsx(d: DataLakip, kunci: str | None = None) -> bytes:
    """Every table (or the one named by `kunci`) as a workbook; KeyError for an unknown
    table."""
    tabel = daftar_tabel(d)
    if kunci is not None:
        tabel = [t for t in tabel if t.kunci == kunci]
        if not tabel:
            raise KeyError(kunci)
    wb = Workbook()
    wb.remove(wb.active)
    for t in tabel:
        ws = wb.create_sheet(t.lembar[:31])
        lembar = _Lembar(ws)
        t.isi(lembar, d)
        lembar.rapikan()
    wb.properties.title = f"LAKIP {d.organisasi.nama_singkat} {d.tahun}"
    return ke_bytes(wb)


def nama_berkas(d: DataLakip, kunci: str | None = None) -> str:
    akhiran = f"-{kunci}" if kunci else ""
    pratinjau = "-pratinjau" if d.pratinjau else ""
    return f"lakip-{d.organisasi.slug}-{d.tahun}{akhiran}{pratinjau}.xlsx"
