"""Helpers for tests of spreadsheets: fill a downloaded template the way a person would
(open it in a spreadsheet program, type into cells, save) and read workbooks back."""

from pathlib import Path

import openpyxl

from kinerja.realisasi.excel import BARIS_JUDUL, JUDUL


def kolom(nama: str) -> int:
    return JUDUL.index(nama) + 1


def baris_kode(ws) -> dict[str, int]:
    """Indicator code (hidden column) -> spreadsheet row number."""
    k = kolom("Kode")
    return {
        ws.cell(row=r, column=k).value: r
        for r in range(BARIS_JUDUL + 1, ws.max_row + 1)
        if ws.cell(row=r, column=k).value
    }


def isi_templat(berkas: Path, isian: dict[str, dict[str, object]], simpan_ke: Path | None = None):
    """Type values into a template: isian = {kode: {"Realisasi": "96,7", "Kendala": "..."}}.
    Returns {kode: row number}."""
    wb = openpyxl.load_workbook(berkas)
    ws = wb.worksheets[0]
    nomor = baris_kode(ws)
    for kode, sel in isian.items():
        for nama, nilai in sel.items():
            # cell(value=None) would leave the cell as it is: assign to clear it.
            ws.cell(row=nomor[kode], column=kolom(nama)).value = nilai
    wb.save(simpan_ke or berkas)
    return nomor


def nilai_sel(berkas: Path, kode: str, nama: str):
    wb = openpyxl.load_workbook(berkas)
    ws = wb.worksheets[0]
    return ws.cell(row=baris_kode(ws)[kode], column=kolom(nama)).value
