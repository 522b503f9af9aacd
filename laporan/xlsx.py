"""Every table of the LAKIP as a spreadsheet: one workbook with a sheet per table (or per
sasaran, whose tables stand one under the other), or a workbook with one of them.

The tables are those laporan.tabel defines from laporan.selectors.data_lakip, the data the
HTML and the PDF print, rounded the way the template prints them: a cell equals the figure in
the PDF. Numbers are numbers, with number formats that Excel shows the user's way (an
Indonesian Excel shows 91,26 %); text goes through inti.xlsx.sel_aman.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from inti.xlsx import (
    FORMAT_ANGKA,
    FORMAT_BULAT,
    FORMAT_PERSEN,
    FORMAT_RUPIAH,
    judul_kolom,
    ke_bytes,
    tulis,
)
from laporan import tabel, tabel_analisis
from laporan.selectors import DataLakip
from laporan.tabel import Angka, Jenis, Kode, Sel, Tabel

FORMAT = {
    Jenis.BULAT: FORMAT_BULAT,
    Jenis.ANGKA: FORMAT_ANGKA,
    Jenis.PERSEN: FORMAT_PERSEN,
    Jenis.RUPIAH: FORMAT_RUPIAH,
}


def _format(v: Angka) -> str:
    """The number format of a kind, with the decimals the page prints where the value sets
    them (a target entered as 96,7); a unit ("orang", "buah") follows the number as text."""
    fmt = FORMAT[v.jenis]
    if v.desimal is not None and v.jenis in (Jenis.ANGKA, Jenis.PERSEN):
        fmt = FORMAT_BULAT + ("." + "0" * v.desimal if v.desimal else "")
        fmt += '"\u00a0%"' if v.jenis == Jenis.PERSEN else ""
    if not v.satuan:
        return fmt
    satuan = v.satuan.replace('"', "").replace("\\", "")
    return f'{fmt}" {satuan}"'


@dataclass(frozen=True)
class TabelLakip:
    kunci: str  # in the URL: /laporan/<org>/<tahun>/xlsx/<kunci>/
    lembar: str  # sheet name (at most 31 characters)
    judul: str  # as the report page links it
    isi: Callable[[DataLakip], list[Tabel]]  # the tables on the sheet


class _Lembar:
    """Writes tables one under the other on a sheet."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws, self.baris = ws, 1
        self.lebar: dict[int, int] = {}

    def tabel(self, t: Tabel) -> None:
        if self.baris > 1:
            self.baris += 1
        tulis(self.ws, self.baris, 1, t.judul).font = Font(bold=True)
        self.baris += 1
        if t.induk:
            self._induk(t.induk)
        judul_kolom(self.ws, self.baris, t.kolom)
        self.baris += 1
        for b in t.baris:
            sel = b.sel
            if b.penjelas and sel and isinstance(sel[0], str):
                sel = [f"{sel[0]} {b.penjelas}", *sel[1:]]
            self._isi(sel, tebal=b.tebal, menjorok=b.menjorok)
        for b in t.jumlah:
            self._isi(b.sel, tebal=True)

    def _induk(self, induk: list[tuple[str, int]]) -> None:
        """The headings that span several columns, merged over them, in a row of their own."""
        kolom = 1
        judul_kolom(self.ws, self.baris, [teks for teks, n in induk for _ in range(n)])
        for teks, n in induk:
            if teks and n > 1:
                self.ws.merge_cells(
                    start_row=self.baris,
                    start_column=kolom,
                    end_row=self.baris,
                    end_column=kolom + n - 1,
                )
            kolom += n
        self.baris += 1

    def _isi(self, sel: list[Sel], *, tebal: bool, menjorok: bool = False) -> None:
        for kolom, v in enumerate(sel, start=1):
            fmt = _format(v) if isinstance(v, Angka) else None
            nilai = v.nilai if isinstance(v, Angka) else v.teks if isinstance(v, Kode) else v
            c = tulis(self.ws, self.baris, kolom, nilai, fmt, kutip=True)
            if isinstance(v, Angka) and v.catatan:
                c.comment = Comment(v.catatan, "LAKIP")
            if tebal:
                c.font = Font(bold=True)
            if isinstance(nilai, str):
                c.alignment = Alignment(
                    wrap_text=True, vertical="top", indent=1 if menjorok and kolom == 2 else 0
                )
                self.lebar[kolom] = max(self.lebar.get(kolom, 8), min(len(nilai), 60))
            else:
                self.lebar[kolom] = max(self.lebar.get(kolom, 8), 14)
        self.baris += 1

    def rapikan(self) -> None:
        for kolom, lebar in self.lebar.items():
            self.ws.column_dimensions[get_column_letter(kolom)].width = lebar + 2


def daftar_tabel(d: DataLakip) -> list[TabelLakip]:
    """The sheets this year's report has, in the order the report prints their tables."""
    nama_logistik = "Logistik {}" if len(d.logistik) > 1 else "Logistik"
    lembar = [
        TabelLakip("tugas", "Tugas dan Fungsi", "Uraian tugas dan fungsi", tabel.tugas),
        TabelLakip("pegawai", "Pegawai", "Jumlah pegawai", tabel.pegawai),
        TabelLakip("tujuan", "Tujuan", "Tujuan dan sasaran Renstra", tabel.tujuan),
        TabelLakip("renstra", "Target Renstra", "Target jangka menengah", tabel.matriks),
        TabelLakip("target", "Target PK", "Target Perjanjian Kinerja", tabel.target_pk),
        TabelLakip("pagu", "Pagu", "Program, kegiatan dan pagu", tabel.pagu),
        TabelLakip("skala", "Skala Capaian", "Klasifikasi penilaian capaian", tabel.skala_capaian),
        TabelLakip("capaian", "Capaian", "Capaian kinerja seluruh indikator", tabel.capaian),
        *(
            TabelLakip(
                f"sasaran-{n}",
                f"Sasaran {n}",
                f"Tabel sasaran strategis {n}",
                partial(tabel_analisis.sasaran, nomor=n),
            )
            for n in (a.sasaran.nomor for a in d.analisis)
        ),
        TabelLakip("sakip", "SAKIP", "Hasil evaluasi SAKIP", tabel.sakip),
        *(
            TabelLakip(
                f"logistik-{i + 1}",
                nama_logistik.format(i + 1),
                f"Logistik {lg.pemilihan.nama}",
                partial(tabel.logistik, indeks=i),
            )
            for i, lg in enumerate(d.logistik)
        ),
        TabelLakip("produk-hukum", "Produk Hukum", "Produk hukum", tabel.produk_hukum),
        TabelLakip(
            "realisasi-anggaran",
            "Realisasi Anggaran",
            "Realisasi anggaran per program",
            tabel.realisasi_anggaran,
        ),
        TabelLakip(
            "efektivitas",
            "Efektivitas Anggaran",
            "Ukuran efektivitas kinerja anggaran",
            tabel.efektivitas_anggaran,
        ),
    ]
    # A part the year has nothing to show for gets no sheet.
    return [t for t in lembar if t.isi(d)]


def lakip_xlsx(d: DataLakip, kunci: str | None = None) -> bytes:
    """Every table (or the one named by `kunci`) as a workbook; KeyError for an unknown
    table."""
    daftar = daftar_tabel(d)
    if kunci is not None:
        daftar = [t for t in daftar if t.kunci == kunci]
        if not daftar:
            raise KeyError(kunci)
    return buku_tabel(
        [(t.lembar, t.isi(d)) for t in daftar],
        judul=f"LAKIP {d.organisasi.nama_singkat} {d.tahun}",
    )


def buku_tabel(lembar: list[tuple[str, list[Tabel]]], *, judul: str) -> bytes:
    """A workbook of tables defined as laporan.tabel defines them: a sheet per (name,
    tables), the tables one under the other. Other readers (pantau) write theirs with it."""
    wb = Workbook()
    wb.remove(wb.active)
    for nama, daftar_tabel in lembar:
        ws = _Lembar(wb.create_sheet(nama[:31]))
        for isi in daftar_tabel:
            ws.tabel(isi)
        ws.rapikan()
    wb.properties.title = judul
    return ke_bytes(wb)


def nama_berkas(d: DataLakip, kunci: str | None = None) -> str:
    akhiran = f"-{kunci}" if kunci else ""
    pratinjau = "-pratinjau" if d.pratinjau else ""
    return f"lakip-{d.organisasi.slug}-{d.tahun}{akhiran}{pratinjau}.xlsx"
