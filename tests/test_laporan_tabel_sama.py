"""One definition per table: every table the LAKIP prints has, in the report's workbook, a
table with the same caption, headings and figures (cells compared as text, the workbook's
numbers formatted by their number format through inti.angka)."""

import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl
import pytest

from inti.angka import format_angka
from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip
from laporan.xlsx import lakip_xlsx
from organisasi.models import Organisasi

pytestmark = pytest.mark.django_db

# The capaian tables per indicator (laporan/_tabel_capaian.html) are written by hand still:
# another change gives them their category badges first.
TABEL_CAPAIAN = {
    "tabel-ringkasan",
    "tabel-pk",
    "tabel-capaian",
    *(f"tabel-s{n}-capaian" for n in range(1, 10)),
}

# A cell of these holds a numbered list on the page (the items of a jenis, the sasaran of a
# tujuan); the workbook gives each item its own row.
TABEL_DAFTAR = {"tabel-tugas", "tabel-tujuan"}


class _Tabel(HTMLParser):
    """The captions and tables of a rendered report: {id: (caption, heading, body, totals)}."""

    def __init__(self) -> None:
        super().__init__()
        self.tabel: dict[str, tuple[str, list[str], list[list[str]], list[list[str]]]] = {}
        self._id = self._judul = ""
        self._dalam_judul = self._dalam_tabel = False
        self._bagian = ""
        self._sel: list[str] | None = None
        self._baris: list[tuple[str, list[tuple[str, int, int]]]] = []
        self._koreksi = 0
        self._span: list[bool] = []  # per open span: is it left out (a note, a decoration)?

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if (
            tag == "p"
            and a.get("class") == "keterangan"
            and (a.get("id") or "").startswith("tabel")
        ):
            self._id, self._judul, self._dalam_judul = a["id"], "", True
        elif tag == "table" and self._id and not self._dalam_tabel:
            self._dalam_tabel, self._baris = True, []
        elif self._dalam_tabel and tag in ("thead", "tbody", "tfoot"):
            self._bagian = tag
        elif self._dalam_tabel and tag == "tr":
            self._baris.append((self._bagian, []))
        elif self._dalam_tabel and tag in ("td", "th"):
            self._sel = []
            self._rentang = (int(a.get("rowspan") or 1), int(a.get("colspan") or 1))
        elif tag == "span":
            # The note beside a recomputed figure is a comment in the workbook; a category's
            # symbol is decoration (aria-hidden) beside its name, which the workbook holds.
            lewati = a.get("class") == "koreksi" or a.get("aria-hidden") == "true"
            self._span.append(lewati)
            self._koreksi += lewati
        elif tag == "li" and self._sel is not None and self._sel:
            self._sel.append(" ")

    def handle_endtag(self, tag):
        if tag == "p" and self._dalam_judul:
            self._dalam_judul = False
        elif tag == "span" and self._span:
            self._koreksi -= self._span.pop()
        elif tag in ("td", "th") and self._sel is not None:
            teks = re.sub(r"[ \t\r\n]+", " ", "".join(self._sel)).strip(" ")
            self._baris[-1][1].append((teks, *self._rentang))
            self._sel = None
        elif tag == "table" and self._dalam_tabel:
            self._dalam_tabel = False
            self.tabel[self._id] = self._susun()
            self._id = ""

    def handle_data(self, data):
        if self._dalam_judul:
            self._judul += data
        elif self._sel is not None and not self._koreksi:
            self._sel.append(data)

    def _susun(self):
        judul = re.sub(r"\s+", " ", self._judul.replace("\xa0", " ")).split(": ", 1)[1]
        kepala = _kisi([sel for bagian, sel in self._baris if bagian == "thead"])[-1:]
        badan = _kisi([sel for bagian, sel in self._baris if bagian == "tbody"])
        jumlah = [[t for t, *_ in sel] for bagian, sel in self._baris if bagian == "tfoot"]
        return judul.strip(), [*kepala, []][0], badan, jumlah


def _kisi(baris: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Rows of cells with their rowspans and colspans laid out on a grid: a cell spanning
    rows or columns is read in each (the bottom heading row names every column)."""
    if not baris:
        return []
    lebar = sum(c for _, _, c in baris[0])
    kisi: list[list[str | None]] = [[None] * lebar for _ in baris]
    for i, sel in enumerate(baris):
        kolom = 0
        for teks, r, c in sel:
            while kisi[i][kolom] is not None:
                kolom += 1
            for di in range(r):
                for dk in range(c):
                    kisi[i + di][kolom + dk] = teks
            kolom += c
    return [[t or "" for t in r] for r in kisi]


def _teks(sel) -> str:
    """A workbook cell as the report prints it."""
    v = sel.value
    if v is None:
        return "–"
    if isinstance(v, str):
        return v
    if sel.number_format == "General":
        return str(v)
    # "#,##0", "#,##0.0", '#,##0.00"\xa0%"', '#,##0" orang"': decimals, then what follows.
    m = re.fullmatch(r'#,##0(?:\.(0+))?(?:"([^"]*)")?', sel.number_format)
    assert m, sel.number_format
    return format_angka(Decimal(str(v)), len(m[1] or "")) + (m[2] or "")


def _buku(wb) -> dict[str, tuple[list[str], list[list[str]], list[list[str]]]]:
    """Every table of the workbook by caption: a bold caption alone in column A, its heading
    row(s), its rows (bold rows after the body: the totals) up to a blank row."""
    hasil = {}
    for ws in wb.worksheets:
        baris = list(ws.iter_rows())
        i = 0
        while i < len(baris):
            r = baris[i]
            if r[0].value is None or not (r[0].font.bold and all(c.value is None for c in r[1:])):
                i += 1
                continue
            judul, i = r[0].value, i + 1
            while (
                i + 1 < len(baris)
                and baris[i + 1][0].fill.fgColor.rgb == baris[i][0].fill.fgColor.rgb
                and baris[i][0].fill.fill_type
            ):
                i += 1  # a row of spanning headings above the column headings
            n = sum(1 for c in baris[i] if c.value is not None)
            kepala = [str(c.value) for c in baris[i][:n]]
            isi = []
            for r in baris[i + 1 :]:
                if all(c.value is None for c in r):
                    break
                isi.append(r[:n])
            i += 1 + len(isi)
            akhir = len(isi)
            while akhir and all(c.font.bold for c in isi[akhir - 1] if c.value is not None):
                akhir -= 1
            badan = [[_teks(c) for c in r] for r in isi[:akhir]]
            jumlah = [[_teks(c) for c in r if c.value not in (None, "")] for r in isi[akhir:]]
            hasil[judul] = (kepala, badan, jumlah)
    return hasil


@pytest.fixture
def lakip(org: Organisasi):
    d = data_lakip(organisasi=org, tahun=2024)
    p = _Tabel()
    p.feed(susun_dokumen(d).isi)
    return p.tabel, _buku(openpyxl.load_workbook(io.BytesIO(lakip_xlsx(d))))


def test_it_prints_every_table_of_the_report_in_the_workbook(lakip):
    halaman, buku = lakip
    assert len(halaman) > 40
    beda = {}
    for kunci, (judul, kepala, badan, jumlah) in halaman.items():
        if kunci in TABEL_CAPAIAN:
            continue
        if kunci in TABEL_DAFTAR:
            assert judul in buku, judul
            continue
        if judul not in buku:
            beda[kunci] = f"tidak ada di buku kerja: {judul}"
            continue
        b_kepala, b_badan, b_jumlah = buku[judul]
        tanpa_kosong = [[t for t in r if t] for r in jumlah]
        if (kepala, badan, tanpa_kosong) != (b_kepala, b_badan, b_jumlah):
            beda[kunci] = ((kepala, badan, tanpa_kosong), (b_kepala, b_badan, b_jumlah))
    assert beda == {}
