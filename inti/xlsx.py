"""The one place where values cross into and out of spreadsheet cells.

Every export (realisasi templates, report tables, the admin's import-export resources) writes
text through `sel_aman`, so that no exported cell can carry a formula someone typed into the
application: a text that starts with =, +, -, @, a tab or a carriage return is what Excel,
LibreOffice and Google Sheets treat as the start of a formula (or of a DDE payload in CSV).
Such text gets a leading apostrophe, which spreadsheets show as text and never evaluate; in
a workbook nobody imports back (the report's tables) it may instead stay as written in a text
cell marked quotePrefix (`tulis(..., kutip=True)`), which Excel shows without the apostrophe.

Numbers are written as numbers, with number formats that every Excel shows in the user's own
locale (an Indonesian Excel shows 1.234,56). Percentages are stored as the percentage number
itself (96.7, not 0.967) with a literal "%" suffix, so that the cell equals the figure in the
PDF. Numbers read back from cells go through `angka_dari_sel` only: floats from openpyxl are
turned into Decimal once, text typed by people goes through the one parser (inti.angka).
"""

import io
from datetime import date, datetime, time
from decimal import Decimal
from typing import TypeVar

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from inti.angka import AngkaTidakValid, parse_angka

__all__ = [
    "AWALAN_BERBAHAYA",
    "FORMAT_ANGKA",
    "FORMAT_BULAT",
    "FORMAT_PERSEN",
    "FORMAT_RUPIAH",
    "JENIS_XLSX",
    "NilaiSel",
    "angka_dari_sel",
    "judul_kolom",
    "ke_bytes",
    "sel_aman",
    "sel_asli",
    "tulis",
]

JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel writes these codes with the separators of the reader's locale.
FORMAT_BULAT = "#,##0"
FORMAT_ANGKA = "#,##0.00"
FORMAT_PERSEN = '#,##0.00"\u00a0%"'  # the cell holds 96.7 and shows 96,70 %
FORMAT_RUPIAH = "#,##0"

AWALAN_BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")

_ISI_JUDUL = PatternFill("solid", fgColor="DDE5EE")


_T = TypeVar("_T")

# What `tulis` puts in a cell: never a float (see angka_dari_sel for the way back).
NilaiSel = str | int | Decimal | date | datetime | time | None


def sel_aman(nilai: _T) -> _T | str:
    """A value safe to put in an exported cell: text that a spreadsheet would read as a
    formula is prefixed with an apostrophe; every other value is returned unchanged."""
    if isinstance(nilai, str) and nilai.startswith(AWALAN_BERBAHAYA):
        return "'" + nilai
    return nilai


def sel_asli(nilai: object) -> object:
    """The inverse of `sel_aman` for imports: a re-imported export gets its text back."""
    if isinstance(nilai, str) and nilai.startswith("'") and nilai[1:].startswith(AWALAN_BERBAHAYA):
        return nilai[1:]
    return nilai


def angka_dari_sel(nilai: object) -> Decimal:
    """A cell's number as Decimal: ints and floats as openpyxl returns them (a float is
    converted through its shortest text, once), text through inti.angka.parse_angka.

    Raises AngkaTidakValid with a message for users when the cell holds no number.
    """
    if isinstance(nilai, bool | datetime | date | time):
        raise AngkaTidakValid(str(nilai))
    if isinstance(nilai, int):
        return Decimal(nilai)
    if isinstance(nilai, float):
        angka = Decimal(str(nilai))
        if not angka.is_finite():
            raise AngkaTidakValid(str(nilai))
        return angka
    if isinstance(nilai, Decimal):
        return nilai
    if isinstance(nilai, str):
        return parse_angka(nilai)
    raise AngkaTidakValid("" if nilai is None else str(nilai))


def tulis(
    ws: Worksheet,
    baris: int,
    kolom: int,
    nilai: NilaiSel,
    format_angka: str | None = None,
    *,
    kutip: bool = False,
) -> Cell:
    """Write one cell through `sel_aman`; numbers get the given number format.

    kutip=True (workbooks nobody imports back): text a spreadsheet would read as a formula
    is kept as written in a text cell marked quotePrefix, so a band "= 100" shows as
    "= 100", not behind a visible apostrophe; it is still never evaluated, nor when edited.
    """
    if isinstance(nilai, float):
        raise TypeError("floats never reach a cell: pass Decimal or int")
    if kutip and isinstance(nilai, str) and nilai.startswith(AWALAN_BERBAHAYA):
        sel = ws.cell(row=baris, column=kolom, value=nilai)
        sel.data_type = "s"  # openpyxl took the leading "=" for a formula
        sel.quotePrefix = True
        return sel
    sel = ws.cell(row=baris, column=kolom, value=sel_aman(nilai))
    if format_angka and isinstance(nilai, Decimal | int) and not isinstance(nilai, bool):
        sel.number_format = format_angka
    return sel


def judul_kolom(
    ws: Worksheet, baris: int, judul: list[str], lebar: list[int] | None = None
) -> None:
    """A bold, shaded header row; optional column widths (in characters)."""
    for kolom, teks in enumerate(judul, start=1):
        sel = tulis(ws, baris, kolom, teks)
        sel.font = Font(bold=True)
        sel.fill = _ISI_JUDUL
        sel.alignment = Alignment(wrap_text=True, vertical="center")
    for kolom, w in enumerate(lebar or [], start=1):
        ws.column_dimensions[get_column_letter(kolom)].width = w


def ke_bytes(wb: Workbook) -> bytes:
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
