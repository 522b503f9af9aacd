"""Reading a filled realisasi template (kinerja.realisasi.templat) into rows.

Cells are read as Excel stores them (numbers as numbers, text as people type it, formulas as
formulas) so that kinerja.realisasi.impor can check every row. What the file unpacks to is
checked before openpyxl reads it (BATAS_TEMPLAT), and a cell openpyxl cannot parse becomes
a row error instead of ending the read.
"""

import io
import json
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import WorkSheetParser

from inti.batas_xlsx import MB, BatasXlsx, XlsxMelebihiBatas, periksa_xlsx
from inti.galat import Ditolak
from kinerja.models import Periode
from kinerja.realisasi.templat import BARIS_JUDUL, FORMAT_BERKAS, JUDUL, KOLOM_ISIAN, LEMBAR_INFO

# What an uploaded template may unpack to (inti.batas_xlsx), derived from what a filled
# template needs: one row per indicator entered for the year (a unit has tens; the template
# of a whole organisation, imported from the command line, has its units' rows together, and
# bench/import_realisasi.py imports 5,000 of them: INDIKATOR_MAKS is twice that), the ten
# columns of JUDUL, and per row three texts of at most PANJANG_TEKS_MAKS characters. A file
# beyond these is not a template: it is refused before openpyxl reads it, in well under a
# second.
INDIKATOR_MAKS = 10_000
_BARIS_LEMBAR_MAKS = BARIS_JUDUL + 2 * INDIKATOR_MAKS  # room for blank lines and notes
BATAS_TEMPLAT = BatasXlsx(
    # A template has a dozen parts (two sheets, styles, theme, properties, relations).
    bagian_maks=40,
    baris_maks=_BARIS_LEMBAR_MAKS,
    # The template's ten columns and as many again for notes typed beside them (A..Z).
    kolom_maks=26,
    # At most one distinct text per cell of the template's columns.
    teks_maks=_BARIS_LEMBAR_MAKS * len(JUDUL),
    # Kendala and tindak lanjut are a sentence or two: the 5,000-row template of the bench
    # is about a tenth of this. Texts at the full limit in every row fit for about 1,500
    # rows; a file with more is refused rather than let a hostile one cost seconds and
    # hundreds of megabytes.
    ukuran_bagian_maks=16 * MB,
    ukuran_total_maks=24 * MB,
    # Spreadsheet XML deflates 5-20 times (a template of empty rows up to ~50); a zip bomb
    # hundreds to thousands of times. Only parts above 1 MB are judged by it.
    rasio_maks=100,
)
# The header row and the info sheet's keys are looked for this far down, no further.
BARIS_CARI_MAKS = 20

PESAN_TIDAK_TERBACA = (
    "Berkas tidak dapat dibaca sebagai lembar kerja Excel (.xlsx). Simpan sebagai "
    '"Excel Workbook (.xlsx)" lalu unggah lagi.'
)


class BerkasTidakValid(Ditolak):
    """The file as a whole cannot be imported (not a workbook, not our template, made for
    another organisation, year, period or unit). The message is shown to users."""


@dataclass(frozen=True)
class InfoTemplat:
    organisasi: str
    tahun: int
    periode: Periode
    unit: str  # "" when made for every unit


@dataclass(frozen=True)
class BarisBerkas:
    """One data row as found in the sheet; `nomor` is the spreadsheet's row number."""

    nomor: int
    kode: str
    versi: int | None
    realisasi: object
    kendala: object
    tindak_lanjut: object
    faktor_pendorong: object
    format_realisasi: str = "General"
    rumus: tuple[str, ...] = ()  # headers of the input cells that hold a formula
    rusak: tuple[str, ...] = ()  # "Realisasi (NaN)": input cells that could not be read


@dataclass(frozen=True)
class BerkasRealisasi:
    info: InfoTemplat
    baris: list[BarisBerkas]

    def ke_json(self) -> str:
        """The read file as JSON, kept with a pending upload so that its preview page does
        not parse the workbook again on every load."""
        return json.dumps(
            {
                "info": {**asdict(self.info), "periode": self.info.periode.value},
                "baris": [
                    {
                        **asdict(b),
                        **{k: _nilai_json(getattr(b, k)) for k in _KOLOM_NILAI},
                    }
                    for b in self.baris
                ],
            }
        )

    @classmethod
    def dari_json(cls, teks: str) -> "BerkasRealisasi":
        data = json.loads(teks)
        info = InfoTemplat(**{**data["info"], "periode": Periode(data["info"]["periode"])})
        baris = [
            BarisBerkas(
                **{
                    **b,
                    **{k: _nilai_dari_json(b[k]) for k in _KOLOM_NILAI},
                    "rumus": tuple(b["rumus"]),
                    "rusak": tuple(b["rusak"]),
                }
            )
            for b in data["baris"]
        ]
        return cls(info=info, baris=baris)


_KOLOM_NILAI = ("realisasi", "kendala", "tindak_lanjut", "faktor_pendorong")
_WAKTU = {"datetime": datetime, "date": date, "time": time}


def _nilai_json(nilai: object) -> object:
    """A cell value as JSON that comes back as the same type (numbers, text, dates)."""
    if nilai is None or isinstance(nilai, bool | int | str):
        return nilai
    if isinstance(nilai, float):
        return {"float": repr(nilai)}
    for nama, jenis in _WAKTU.items():
        if type(nilai) is jenis:
            return {nama: nilai.isoformat()}
    if isinstance(nilai, timedelta):
        return {"timedelta": nilai.total_seconds()}
    return str(nilai)


def _nilai_dari_json(nilai: object) -> object:
    if not isinstance(nilai, dict):
        return nilai
    ((nama, teks),) = nilai.items()
    if nama == "float":
        return float(teks)
    if nama == "timedelta":
        return timedelta(seconds=teks)
    return _WAKTU[nama].fromisoformat(teks)


def baca_templat(isi: bytes) -> BerkasRealisasi:
    """The rows of a filled template. Cells are read as stored, formulas as formulas (never
    their cached results), so that a formula can be refused rather than trusted.

    What the file unpacks to is checked first (BATAS_TEMPLAT); rows are read one by one
    and the reading stops past the limit."""
    try:
        periksa_xlsx(isi, BATAS_TEMPLAT)
    except XlsxMelebihiBatas as exc:
        raise BerkasTidakValid(exc.pesan) from None
    try:
        wb = load_workbook(io.BytesIO(isi), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - zip, XML and openpyxl errors all mean the same here
        raise BerkasTidakValid(PESAN_TIDAK_TERBACA) from None
    try:
        info = _baca_info(wb)
        baris = _baca_baris(wb, wb.worksheets[0])
    except (ValueError, IndexError, KeyError, TypeError, SyntaxError, EOFError):
        # A row openpyxl cannot parse at all (a broken row number, broken XML).
        raise BerkasTidakValid(PESAN_TIDAK_TERBACA) from None
    finally:
        wb.close()
    return BerkasRealisasi(info=info, baris=baris)


class _PenguraiSel(WorkSheetParser):
    """openpyxl's sheet parser, except that a cell it cannot read (a number cell holding
    "NaN", "INF" or "abc", a shared-string index that does not exist) becomes an error cell
    holding what was found, instead of an exception that ends the whole read: the row
    check then refuses that row by its number."""

    def parse_cell(self, element):
        try:
            return super().parse_cell(element)
        except (ValueError, IndexError, TypeError, OverflowError, KeyError):
            pass
        try:
            baris, kolom = coordinate_to_tuple(element.get("r") or "")
        except (ValueError, TypeError):
            baris, kolom = self.row_counter, self.col_counter
        teks = element.findtext(_TAG_NILAI) or ""
        if element.get("t") == "s":
            teks = f"teks nomor {teks} tidak ada"
        return {"row": baris, "column": kolom, "value": teks, "data_type": "e", "style_id": 0}


_TAG_NILAI = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v"


def _baris_lembar(wb, ws):
    """(row number, cells by column index from 0) of a read-only sheet, as the rows come in
    the file: no padding to a declared dimension, missing rows skipped, columns beyond
    BATAS_TEMPLAT ignored. Uses openpyxl's parser on the sheet's part (openpyxl is pinned)."""
    gaya = len(wb._cell_styles)
    with wb._archive.open(ws._worksheet_path) as sumber:
        pengurai = _PenguraiSel(
            sumber,
            wb.shared_strings,
            data_only=False,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for nomor, isi_baris in pengurai.parse():
            sel: list[ReadOnlyCell | None] = [None] * BATAS_TEMPLAT.kolom_maks
            for c in isi_baris:
                if 1 <= c["column"] <= BATAS_TEMPLAT.kolom_maks:
                    gaya_sel = c["style_id"] if 0 <= c["style_id"] < gaya else 0
                    sel[c["column"] - 1] = ReadOnlyCell(
                        ws, nomor, c["column"], c["value"], c["data_type"], gaya_sel
                    )
            yield nomor, sel


def _baca_info(wb) -> InfoTemplat:
    if LEMBAR_INFO not in wb.sheetnames:
        raise BerkasTidakValid(
            "Berkas ini bukan templat realisasi dari aplikasi: keterangan templat tidak "
            "ditemukan. Unduh templat dari halaman realisasi, isi, lalu unggah."
        )
    nilai = {}
    for nomor, sel in _baris_lembar(wb, wb[LEMBAR_INFO]):
        if nomor > BARIS_CARI_MAKS:
            break
        kunci, isi = (c.value if c is not None else None for c in sel[:2])
        if isinstance(kunci, str):
            nilai[kunci.strip()] = isi
    try:
        if nilai.get("format") != FORMAT_BERKAS:
            raise ValueError
        return InfoTemplat(
            organisasi=str(nilai["organisasi"]),
            tahun=int(nilai["tahun"]),
            periode=Periode(nilai["periode"]),
            unit=str(nilai.get("unit") or ""),
        )
    except (KeyError, TypeError, ValueError):
        raise BerkasTidakValid(
            "Keterangan templat dalam berkas rusak. Unduh templat baru dari halaman realisasi."
        ) from None


def _normal(teks: object) -> str:
    return re.sub(r"\s+", " ", str(teks or "")).strip().casefold()


_JUDUL_NORMAL = [_normal(j) for j in JUDUL]
# The input cells by their header: (header as shown, header as looked up).
_KOLOM_ISIAN = tuple((JUDUL[k - 1], _normal(JUDUL[k - 1])) for k in KOLOM_ISIAN)


def _baca_baris(wb, ws) -> list[BarisBerkas]:
    """The data rows below the header row, which is found by its titles (people may insert
    lines above it); blank lines and lines of notes are skipped."""
    kolom: dict[str, int] | None = None
    hasil: list[BarisBerkas] = []
    for nomor, sel in _baris_lembar(wb, ws):
        if nomor > BATAS_TEMPLAT.baris_maks:  # inti.batas_xlsx checked it; a second guard
            raise BerkasTidakValid(
                f"Lembar pertama memuat lebih dari {BATAS_TEMPLAT.baris_maks} baris; templat "
                "realisasi berisi satu baris per indikator."
            )
        if kolom is None:
            kolom = _kolom_judul(sel)
            if kolom is None and nomor > BARIS_CARI_MAKS:
                break
            continue
        baris = _baris_berkas(nomor, sel, kolom)
        if baris is None:
            continue
        if len(hasil) >= INDIKATOR_MAKS:
            raise BerkasTidakValid(f"Berkas memuat lebih dari {INDIKATOR_MAKS} baris isian.")
        hasil.append(baris)
    if kolom is None:
        raise BerkasTidakValid(
            "Baris judul (Sasaran Strategis, Indikator Kinerja, …, Realisasi) tidak ditemukan "
            "pada lembar pertama."
        )
    return hasil


def _kolom_judul(sel: list[ReadOnlyCell | None]) -> dict[str, int] | None:
    """Where each header is (header as looked up -> column index from 0) when this is the
    header row, else None; a header row missing one of the template's columns is refused."""
    teks = [_normal(c.value if c is not None else None) for c in sel]
    if "indikator kinerja" not in teks or "realisasi" not in teks:
        return None
    kolom = {t: i for i, t in enumerate(teks) if t}
    kurang = [j for j, n in zip(JUDUL, _JUDUL_NORMAL, strict=True) if n not in kolom]
    if kurang:
        raise BerkasTidakValid(
            f"Kolom {', '.join(kurang)} tidak ditemukan pada baris judul. Jangan "
            "menghapus kolom templat; unduh templat baru bila perlu."
        )
    return kolom


def _baris_berkas(
    nomor: int, sel: list[ReadOnlyCell | None], kolom: dict[str, int]
) -> BarisBerkas | None:
    """One data row as read, or None for a line without a code and without input."""
    sel_isi = {j: sel[kolom[j]] if kolom[j] < len(sel) else None for j in _JUDUL_NORMAL}
    nilai = {j: c.value if c is not None else None for j, c in sel_isi.items()}
    if nilai["kode"] in (None, "") and all(sel_kosong(nilai[j]) for _, j in _KOLOM_ISIAN):
        return None  # a blank line, or a line someone typed notes on
    rumus = tuple(
        nama for nama, j in _KOLOM_ISIAN if sel_isi[j] is not None and sel_isi[j].data_type == "f"
    )
    rusak = tuple(
        f'{nama} ("{singkat(str(nilai[j]), 40)}")'
        for nama, j in _KOLOM_ISIAN
        if sel_isi[j] is not None and sel_isi[j].data_type == "e"
    )
    return BarisBerkas(
        nomor=nomor,
        kode=str(nilai["kode"] or "").strip(),
        versi=_versi(nilai["versi"]),
        realisasi=nilai["realisasi"],
        kendala=nilai["kendala"],
        tindak_lanjut=nilai["tindak lanjut"],
        faktor_pendorong=nilai["faktor pendorong"],
        format_realisasi=getattr(sel_isi["realisasi"], "number_format", None) or "General",
        rumus=rumus,
        rusak=rusak,
    )


def _versi(nilai: object) -> int | None:
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float) and nilai.is_integer():
        return int(nilai)
    if isinstance(nilai, str) and nilai.strip().isdigit():
        return int(nilai.strip())
    return None


def sel_kosong(nilai: object) -> bool:
    """A cell left blank (or holding only spaces)."""
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def teks_sel(nilai: object) -> str:
    """A cell as text: dates as people write them, the rest as typed, trimmed."""
    if nilai is None:
        return ""
    if isinstance(nilai, datetime | date):
        return nilai.strftime("%d-%m-%Y")
    return str(nilai).strip()


def singkat(teks: str, panjang: int = 80) -> str:
    return teks if len(teks) <= panjang else teks[: panjang - 1].rstrip() + "…"
