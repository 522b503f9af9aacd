"""Realisasi as spreadsheets: the template a unit fills in, and the import of a filled one.

The template (first sheet) has one row per indicator the unit enters for the year (the
entry page's rows: the agreement in force, then the outcome-level indicators), with the
columns of `JUDUL`. Two hidden columns carry the indicator's stable code and the version of
the value when the file was made; a very hidden sheet says for which organisation, year,
period and unit the file was made. Only Realisasi, Kendala and Tindak Lanjut are unlocked
(sheet protection without a password: it prevents slips, the import checks everything).

The import reads the cells (numbers as Excel stores them, text as people type it), checks
every row with the entry form's rules (kinerja.realisasi.aturan) and saves all rows or none
(kinerja.realisasi.services.realisasi_simpan_impor). Every refusal names the spreadsheet row:
"baris 7: ...". A blank Realisasi cell means "no change". The lookups are batched: the
number of queries does not grow with the number of rows.
"""

import io
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.datavalidation import DataValidation

from inti.angka import AngkaTidakValid
from inti.batas_xlsx import MB, BatasXlsx, XlsxMelebihiBatas, periksa_xlsx
from inti.capaian import HasilCapaian, Rentang, TipeNilai, klasifikasi
from inti.galat import Ditolak, TidakBerwenang
from inti.tampilan import format_nilai
from inti.xlsx import (
    FORMAT_ANGKA,
    FORMAT_PERSEN,
    angka_dari_sel,
    judul_kolom,
    ke_bytes,
    tulis,
)
from kinerja.capaian import Nilai, hitung, renstra_tahun, skala_renstra
from kinerja.models import PANJANG_TEKS_MAKS, Periode, Realisasi, SkalaPenilaian
from kinerja.realisasi.akses import boleh_mengisi
from kinerja.realisasi.aturan import (
    PESAN_TANPA_NILAI,
    IsianTidakValid,
    melebihi_wajar,
    periksa_angka,
    pesan_melebihi,
    tingkat_dari_kode,
)
from kinerja.realisasi.periode import STATUS_DAPAT_DIUBAH, status_periode_unit
from kinerja.realisasi.selectors import IndikatorUnit, indikator_unit
from kinerja.realisasi.services import (
    HasilSimpan,
    IsianBaris,
    realisasi_simpan_impor,
)
from organisasi.models import Organisasi, Pengguna, UnitKerja
from renstra.models import TingkatSkala

FORMAT_BERKAS = "sakip-realisasi-1"
LEMBAR_INFO = "info"
JUDUL = [
    "Sasaran Strategis",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Realisasi",
    "Kendala",
    "Tindak Lanjut",
    "Kode",
    "Versi",
]
LEBAR = [36, 60, 10, 12, 14, 40, 40, 28, 8]
K_SASARAN, K_INDIKATOR, K_SATUAN, K_TARGET, K_REALISASI, K_KENDALA, K_TINDAK, K_KODE, K_VERSI = (
    range(1, 10)
)
BARIS_JUDUL = 3

# What an uploaded template may unpack to (inti.batas_xlsx), derived from what a filled
# template needs: one row per indicator entered for the year (a unit has tens; the template
# of a whole organisation, imported from the command line, has its units' rows together, and
# bench/import_realisasi.py imports 5,000 of them: INDIKATOR_MAKS is twice that), the nine
# columns of JUDUL, and per row two texts of at most PANJANG_TEKS_MAKS characters. A file
# beyond these is not a template: it is refused before openpyxl reads it, in well under a
# second.
INDIKATOR_MAKS = 10_000
_BARIS_LEMBAR_MAKS = BARIS_JUDUL + 2 * INDIKATOR_MAKS  # room for blank lines and notes
BATAS_TEMPLAT = BatasXlsx(
    # A template has a dozen parts (two sheets, styles, theme, properties, relations).
    bagian_maks=40,
    baris_maks=_BARIS_LEMBAR_MAKS,
    # The template's nine columns and as many again for notes typed beside them (A..Z).
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


def format_sel(tipe: str) -> str:
    return FORMAT_PERSEN if tipe == TipeNilai.PERSENTASE else FORMAT_ANGKA


def nama_templat(*, organisasi: Organisasi, tahun: int, periode: str, unit_kerja=None) -> str:
    pemilik = unit_kerja.slug if unit_kerja is not None else organisasi.slug
    return f"realisasi-{pemilik}-{tahun}-{periode}.xlsx"


# ---------------------------------------------------------------- the template


def templat_realisasi(
    *,
    organisasi: Organisasi,
    tahun: int,
    periode: str,
    unit_kerja: UnitKerja | None = None,
) -> bytes:
    """The template of a unit (or, without a unit, of every unit) for a year and period,
    pre-filled with the values stored now, whatever their status: what the entry page
    shows. Seven queries."""
    periode = Periode(periode)
    daftar = indikator_unit(organisasi=organisasi, tahun=tahun, unit_kerja=unit_kerja)
    sekarang = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=[d.indikator.pk for d in daftar], tahun=tahun, periode=periode
        ).select_related("tingkat")
    }
    tingkat = _tingkat_per_skala(daftar)

    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    pemilik = unit_kerja.nama if unit_kerja is not None else organisasi.nama
    ws.cell(row=1, column=1, value=f"Realisasi {periode.label} {tahun} — {pemilik}").font = Font(
        bold=True, size=13
    )
    ws.cell(
        row=2,
        column=1,
        value=(
            "Isi kolom Realisasi, Kendala dan Tindak Lanjut saja. Sel Realisasi yang kosong "
            "berarti tidak ada perubahan. Persentase ditulis sebagai angkanya, misalnya 96,7."
        ),
    ).font = Font(italic=True)
    judul_kolom(ws, BARIS_JUDUL, JUDUL, LEBAR)

    daftar_tingkat: dict[int, DataValidation] = {}
    terbuka = Protection(locked=False)
    for nomor, d in enumerate(daftar, start=BARIS_JUDUL + 1):
        ind, target = d.indikator, d.target
        r = sekarang.get(ind.pk)
        tulis(ws, nomor, K_SASARAN, f"{ind.sasaran.nomor}. {ind.sasaran.nama}")
        tulis(ws, nomor, K_INDIKATOR, ind.nama)
        tulis(ws, nomor, K_SATUAN, ind.satuan)
        if ind.is_ordinal:
            tulis(ws, nomor, K_TARGET, target.tingkat.kode if target.tingkat else None)
            tulis(ws, nomor, K_REALISASI, r.tingkat.kode if r and r.tingkat_id else None)
            if ind.skala_id not in daftar_tingkat:
                kode = [t.kode for t in tingkat.get(ind.skala_id, [])]
                daftar_tingkat[ind.skala_id] = DataValidation(
                    type="list",
                    formula1='"' + ",".join(kode) + '"',
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Tingkat tidak dikenal",
                    error="Pilih salah satu tingkat dari daftar: " + ", ".join(kode),
                )
            daftar_tingkat[ind.skala_id].add(ws.cell(row=nomor, column=K_REALISASI))
        else:
            fmt = format_sel(ind.tipe)
            if target.angka_atas is not None:
                # A band is two numbers: written as the report prints it.
                teks = format_nilai(tipe=ind.tipe, angka=target.angka, angka_atas=target.angka_atas)
                tulis(ws, nomor, K_TARGET, teks)
            else:
                tulis(ws, nomor, K_TARGET, target.angka, fmt)
            tulis(ws, nomor, K_REALISASI, r.nilai if r else None, fmt)
            ws.cell(row=nomor, column=K_REALISASI).number_format = fmt
        tulis(ws, nomor, K_KENDALA, r.kendala if r else None)
        tulis(ws, nomor, K_TINDAK, r.tindak_lanjut if r else None)
        tulis(ws, nomor, K_KODE, ind.kode)
        tulis(ws, nomor, K_VERSI, r.versi if r else 0)
        for kolom in (K_REALISASI, K_KENDALA, K_TINDAK):
            ws.cell(row=nomor, column=kolom).protection = terbuka
        for kolom in (K_SASARAN, K_INDIKATOR, K_KENDALA, K_TINDAK):
            ws.cell(row=nomor, column=kolom).alignment = Alignment(wrap_text=True, vertical="top")
    for validasi in daftar_tingkat.values():
        ws.add_data_validation(validasi)

    ws.column_dimensions["H"].hidden = True
    ws.column_dimensions["I"].hidden = True
    ws.freeze_panes = ws.cell(row=BARIS_JUDUL + 1, column=1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people may still widen columns and rows
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    info = wb.create_sheet(LEMBAR_INFO)
    for i, (kunci, nilai) in enumerate(
        [
            ("format", FORMAT_BERKAS),
            ("organisasi", organisasi.slug),
            ("tahun", tahun),
            ("periode", periode.value),
            ("unit", unit_kerja.slug if unit_kerja is not None else ""),
            ("dibuat", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ],
        start=1,
    ):
        tulis(info, i, 1, kunci)
        tulis(info, i, 2, nilai)
    info.sheet_state = "veryHidden"
    # Nobody unhides, renames or adds sheets by accident; the import reads the first sheet.
    wb.security = WorkbookProtection(lockStructure=True)
    return ke_bytes(wb)


def _tingkat_per_skala(daftar: list[IndikatorUnit]) -> dict[int, list[TingkatSkala]]:
    id_skala = {d.indikator.skala_id for d in daftar if d.indikator.skala_id}
    hasil: dict[int, list[TingkatSkala]] = {}
    for t in TingkatSkala.objects.filter(skala_id__in=id_skala).order_by("skala", "peringkat"):
        hasil.setdefault(t.skala_id, []).append(t)
    return hasil


# ---------------------------------------------------------------- reading a file


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


_KOLOM_NILAI = ("realisasi", "kendala", "tindak_lanjut")
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


PESAN_TIDAK_TERBACA = (
    "Berkas tidak dapat dibaca sebagai lembar kerja Excel (.xlsx). Simpan sebagai "
    '"Excel Workbook (.xlsx)" lalu unggah lagi.'
)


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
        if nomor > 20:
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


def _baca_baris(wb, ws) -> list[BarisBerkas]:
    judul = [_normal(j) for j in JUDUL]
    kolom: dict[str, int] | None = None
    hasil: list[BarisBerkas] = []
    for nomor, sel in _baris_lembar(wb, ws):
        if nomor > BATAS_TEMPLAT.baris_maks:  # inti.batas_xlsx checked it; a second guard
            raise BerkasTidakValid(
                f"Lembar pertama memuat lebih dari {BATAS_TEMPLAT.baris_maks} baris; templat "
                "realisasi berisi satu baris per indikator."
            )
        if kolom is None:
            teks = [_normal(c.value if c is not None else None) for c in sel]
            if "indikator kinerja" in teks and "realisasi" in teks:
                kolom = {t: i for i, t in enumerate(teks) if t}
                kurang = [j for j in JUDUL if _normal(j) not in kolom]
                if kurang:
                    raise BerkasTidakValid(
                        f"Kolom {', '.join(kurang)} tidak ditemukan pada baris judul. Jangan "
                        "menghapus kolom templat; unduh templat baru bila perlu."
                    )
            elif nomor > 20:
                break
            continue

        sel_isi = {j: sel[kolom[j]] if kolom[j] < len(sel) else None for j in judul}
        nilai = {j: c.value if c is not None else None for j, c in sel_isi.items()}
        masukan = (nilai["realisasi"], nilai["kendala"], nilai["tindak lanjut"])
        if nilai["kode"] in (None, "") and all(_kosong(v) for v in masukan):
            continue  # a blank line, or a line someone typed notes on
        if len(hasil) >= INDIKATOR_MAKS:
            raise BerkasTidakValid(f"Berkas memuat lebih dari {INDIKATOR_MAKS} baris isian.")
        kolom_isian = (
            ("Realisasi", "realisasi"),
            ("Kendala", "kendala"),
            ("Tindak Lanjut", "tindak lanjut"),
        )
        rumus = tuple(
            nama
            for nama, j in kolom_isian
            if sel_isi[j] is not None and sel_isi[j].data_type == "f"
        )
        rusak = tuple(
            f'{nama} ("{_singkat(str(nilai[j]), 40)}")'
            for nama, j in kolom_isian
            if sel_isi[j] is not None and sel_isi[j].data_type == "e"
        )
        hasil.append(
            BarisBerkas(
                nomor=nomor,
                kode=str(nilai["kode"] or "").strip(),
                versi=_versi(nilai["versi"]),
                realisasi=nilai["realisasi"],
                kendala=nilai["kendala"],
                tindak_lanjut=nilai["tindak lanjut"],
                format_realisasi=getattr(sel_isi["realisasi"], "number_format", None) or "General",
                rumus=rumus,
                rusak=rusak,
            )
        )
    if kolom is None:
        raise BerkasTidakValid(
            "Baris judul (Sasaran Strategis, Indikator Kinerja, …, Realisasi) tidak ditemukan "
            "pada lembar pertama."
        )
    return hasil


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


def _kosong(nilai: object) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def _teks(nilai: object) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, datetime | date):
        return nilai.strftime("%d-%m-%Y")
    return str(nilai).strip()


def _format_persen_excel(fmt: str) -> bool:
    """A real percentage format ("0.00%"), which makes Excel store 96,7 % as 0.967; a
    quoted "%" (the template's own format) is only a suffix."""
    tanpa_kutip = re.sub(r'"[^"]*"|\\.', "", fmt or "")
    return "%" in tanpa_kutip


# ---------------------------------------------------------------- checking, previewing


@dataclass
class PerubahanImpor:
    """One row that would change a value: old → new, and the new capaian and category."""

    nomor: int
    indikator_unit: IndikatorUnit
    lama: Realisasi | None
    isian: IsianBaris
    hasil: HasilCapaian
    kategori: Rentang | None
    melebihi: bool = False

    @property
    def indikator(self):
        return self.indikator_unit.indikator

    @property
    def teks_lama(self) -> str:
        r = self.lama
        if r is None:
            return ""
        return format_nilai(
            tipe=self.indikator.tipe,
            angka=r.nilai,
            kode_tingkat=r.tingkat.kode if r.tingkat_id else None,
        )

    @property
    def teks_baru(self) -> str:
        return format_nilai(
            tipe=self.indikator.tipe,
            angka=self.isian.nilai,
            kode_tingkat=self.isian.tingkat.kode if self.isian.tingkat else None,
        )

    @property
    def teks_target(self) -> str:
        t = self.indikator_unit.target
        return format_nilai(
            tipe=self.indikator.tipe,
            angka=t.angka,
            kode_tingkat=t.tingkat.kode if t.tingkat else None,
            angka_atas=t.angka_atas,
        )

    @property
    def kendala_berubah(self) -> bool:
        lama = self.lama
        return (lama.kendala if lama else "") != self.isian.kendala or (
            lama.tindak_lanjut if lama else ""
        ) != self.isian.tindak_lanjut


@dataclass
class RencanaImpor:
    """What a file would change, or why it cannot be imported."""

    info: InfoTemplat
    periode: Periode
    perubahan: list[PerubahanImpor] = field(default_factory=list)
    kesalahan: list[str] = field(default_factory=list)
    tanpa_perubahan: int = 0

    @property
    def melebihi(self) -> list[PerubahanImpor]:
        return [p for p in self.perubahan if p.melebihi]

    @property
    def isian(self) -> list[IsianBaris]:
        return [p.isian for p in self.perubahan]


class _BarisSalah(Exception):
    pass


def rencana_impor(
    *,
    berkas: BerkasRealisasi,
    organisasi: Organisasi,
    tahun: int,
    pengguna: Pengguna | None,
    unit_kerja: UnitKerja | None = None,
    periode: Periode | None = None,
    baris_perintah: bool = False,
    konfirmasi_melebihi: bool = False,
    hari_ini: date | None = None,
) -> RencanaImpor:
    """Check every row of a read file against the rules and the stored values. Raises
    BerkasTidakValid for a file made for something else; row errors are collected as
    "baris N: ...". A fixed number of queries (eleven), however many rows.

    `unit_kerja`, `periode`: the upload page's; the file must be that unit's template of that
    period (the command line takes the period from the file).
    `baris_perintah`: an admin's import from the command line (every unit may change,
    submitted and verified values too). Otherwise `pengguna` must be allowed to enter the
    row's unit, and only drafts and returned values change.
    """
    info = berkas.info
    _periksa_info(info, organisasi=organisasi, tahun=tahun, unit_kerja=unit_kerja, periode=periode)
    periode = info.periode
    rencana = RencanaImpor(info=info, periode=periode)

    daftar = indikator_unit(organisasi=organisasi, tahun=tahun)
    per_kode: dict[str, IndikatorUnit] = {}
    ganda: set[str] = set()
    for d in daftar:
        if d.indikator.kode in per_kode:
            ganda.add(d.indikator.kode)
        per_kode[d.indikator.kode] = d
    lama = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=[d.indikator.pk for d in daftar], tahun=tahun, periode=periode
        ).select_related("tingkat", "diubah_oleh")
    }
    tingkat = _tingkat_per_skala(daftar)
    unit_ids = sorted({d.indikator.unit_kerja_id for d in daftar})
    status = status_periode_unit(
        organisasi=organisasi, tahun=tahun, periode=periode, unit_ids=unit_ids, hari_ini=hari_ini
    )
    skala = skala_renstra(
        renstra_tahun(organisasi=organisasi, tahun=tahun), SkalaPenilaian.Jenis.CAPAIAN
    )

    dilihat: dict[str, int] = {}
    for b in berkas.baris:
        try:
            if not b.kode:
                raise _BarisSalah(
                    "kode indikator (kolom tersembunyi) kosong; baris ini bukan baris templat."
                )
            if b.kode in dilihat:
                raise _BarisSalah(f"indikator ini sudah ada pada baris {dilihat[b.kode]}.")
            dilihat[b.kode] = b.nomor
            if b.kode in ganda:
                raise _BarisSalah(f'kode indikator "{b.kode}" tidak unik pada tahun {tahun}.')
            d = per_kode.get(b.kode)
            if d is None:
                raise _BarisSalah(
                    f'indikator dengan kode "{b.kode}" tidak ada pada perjanjian kinerja '
                    f"{organisasi.nama_singkat} tahun {tahun}."
                )
            perubahan = _periksa_baris(
                b,
                d,
                lama=lama.get(d.indikator.pk),
                tingkat=tingkat.get(d.indikator.skala_id, []),
                terbuka=status[d.indikator.unit_kerja_id].terbuka,
                boleh=baris_perintah
                or (
                    pengguna is not None
                    and boleh_mengisi(pengguna, d.indikator.unit_kerja)
                    and (unit_kerja is None or d.indikator.unit_kerja_id == unit_kerja.pk)
                ),
                semua_status=baris_perintah,
                konfirmasi_melebihi=konfirmasi_melebihi,
                periode=periode,
                tahun=tahun,
                skala=skala,
            )
        except _BarisSalah as exc:
            rencana.kesalahan.append(f"baris {b.nomor}: {exc}")
            continue
        if perubahan is None:
            rencana.tanpa_perubahan += 1
        else:
            rencana.perubahan.append(perubahan)
    return rencana


def _periksa_info(
    info: InfoTemplat,
    *,
    organisasi: Organisasi,
    tahun: int,
    unit_kerja: UnitKerja | None,
    periode: Periode | None,
) -> None:
    if info.organisasi != organisasi.slug:
        raise BerkasTidakValid(
            f"Berkas ini templat untuk organisasi lain ({info.organisasi}), bukan "
            f"{organisasi.nama_singkat}."
        )
    if info.tahun != tahun:
        raise BerkasTidakValid(
            f"Berkas ini templat tahun {info.tahun}, bukan tahun {tahun}. Unduh templat tahun "
            f"{tahun}."
        )
    if periode is not None and info.periode != periode:
        raise BerkasTidakValid(
            f"Berkas ini templat {info.periode.label} {info.tahun}, bukan {periode.label}. "
            f"Unggah di halaman {info.periode.label}, atau unduh templat {periode.label}."
        )
    if unit_kerja is not None and info.unit != unit_kerja.slug:
        untuk = f"unit {info.unit}" if info.unit else "seluruh unit"
        raise BerkasTidakValid(
            f"Berkas ini templat untuk {untuk}, bukan {unit_kerja.nama}. Unduh templat dari "
            "halaman realisasi unit ini."
        )


def _periksa_baris(
    b: BarisBerkas,
    d: IndikatorUnit,
    *,
    lama: Realisasi | None,
    tingkat: list[TingkatSkala],
    terbuka: bool,
    boleh: bool,
    semua_status: bool,
    konfirmasi_melebihi: bool,
    periode: Periode,
    tahun: int,
    skala: tuple[Rentang, ...],
) -> PerubahanImpor | None:
    """One row: None when it changes nothing, else the change; _BarisSalah when refused."""
    ind = d.indikator
    if b.rumus:
        raise _BarisSalah(
            f"sel {', '.join(b.rumus)} berisi rumus; tulis nilainya saja, tanpa rumus."
        )
    if b.rusak:
        raise _BarisSalah(
            f"sel {', '.join(b.rusak)} tidak dapat dibaca sebagai nilai; ketik ulang nilainya."
        )
    kendala, tindak_lanjut = _teks(b.kendala), _teks(b.tindak_lanjut)
    if max(len(kendala), len(tindak_lanjut)) > PANJANG_TEKS_MAKS:
        raise _BarisSalah(f"kendala dan tindak lanjut paling panjang {PANJANG_TEKS_MAKS} huruf.")

    if _kosong(b.realisasi):
        # Blank: no change. Text typed next to a blank value would be silently lost.
        if lama is None and (kendala or tindak_lanjut):
            raise _BarisSalah(PESAN_TANPA_NILAI)
        if (
            lama is not None
            and (kendala or tindak_lanjut)
            and (kendala, tindak_lanjut) != (lama.kendala, lama.tindak_lanjut)
        ):
            raise _BarisSalah(
                "sel Realisasi kosong berarti baris ini tidak diubah; isi juga realisasinya "
                "bila kendala atau tindak lanjut hendak diubah."
            )
        return None

    nilai, pilihan = None, None
    try:
        if ind.is_ordinal:
            pilihan = tingkat_dari_kode(_teks(b.realisasi), tingkat, str(ind.skala))
        else:
            angka = angka_dari_sel(b.realisasi)
            if (
                ind.tipe == TipeNilai.PERSENTASE
                and not isinstance(b.realisasi, str)
                and _format_persen_excel(b.format_realisasi)
            ):
                angka = angka * 100  # Excel stored "96,7 %" typed in the cell as 0.967
            nilai = periksa_angka(angka, tipe=ind.tipe)
    except AngkaTidakValid as exc:
        raise _BarisSalah(str(exc)) from None
    except IsianTidakValid as exc:
        raise _BarisSalah(exc.pesan) from None

    if lama is not None and (
        lama.nilai == nilai
        and lama.tingkat_id == (pilihan.pk if pilihan else None)
        and (lama.kendala, lama.tindak_lanjut) == (kendala, tindak_lanjut)
    ):
        return None

    if not boleh:
        unit = ind.unit_kerja.nama if ind.unit_kerja_id else "unit lain"
        raise _BarisSalah(
            f'"{_singkat(ind.nama)}" adalah indikator {unit}; Anda tidak dapat mengubahnya.'
        )
    if lama is not None and not semua_status and lama.status not in STATUS_DAPAT_DIUBAH:
        raise _BarisSalah(
            f"nilai ini sudah {lama.get_status_display().lower()} dan tidak dapat diubah "
            "kecuali dikembalikan oleh verifikator."
        )
    if (lama.versi if lama else 0) != (b.versi if b.versi is not None else 0):
        if lama is None:
            raise _BarisSalah(
                "nilai ini sudah dihapus setelah templat diunduh. Unduh templat baru."
            )
        oleh = lama.diubah_oleh
        nama = oleh.nama_tampilan if oleh else "pengguna lain"
        sekarang = format_nilai(
            tipe=ind.tipe,
            angka=lama.nilai,
            kode_tingkat=lama.tingkat.kode if lama.tingkat_id else None,
        )
        raise _BarisSalah(
            f"nilai ini sudah diubah oleh {nama} setelah templat diunduh (sekarang "
            f"{sekarang}). Unduh templat baru, atau kosongkan sel Realisasi baris ini."
        )
    if not terbuka:
        raise _BarisSalah(
            f"{periode.label} {tahun} sudah ditutup untuk {ind.unit_kerja.nama}; hanya admin "
            "yang dapat membukanya kembali."
        )
    melebihi = nilai is not None and melebihi_wajar(nilai, d.target)
    if melebihi and not konfirmasi_melebihi:
        raise _BarisSalah(
            f"{pesan_melebihi(ind, d.target)} Periksa lagi; bila sudah benar, konfirmasi "
            "nilai yang melebihi saat mengimpor."
        )

    isian = IsianBaris(
        indikator=ind,
        versi=lama.versi if lama else 0,
        nilai=nilai,
        tingkat=pilihan,
        kendala=kendala,
        tindak_lanjut=tindak_lanjut,
    )
    hasil = hitung(ind, d.target, Nilai(angka=nilai, tingkat=pilihan))
    return PerubahanImpor(
        nomor=b.nomor,
        indikator_unit=d,
        lama=lama,
        isian=isian,
        hasil=hasil,
        kategori=klasifikasi(hasil.persen, skala) if hasil.persen is not None else None,
        melebihi=melebihi,
    )


def _singkat(teks: str, panjang: int = 80) -> str:
    return teks if len(teks) <= panjang else teks[: panjang - 1].rstrip() + "…"


# ---------------------------------------------------------------- importing


class ImporDitolak(Ditolak):
    """Nothing was saved; `kesalahan` (the refusal's `daftar`) lists every reason, row by row."""

    def __init__(self, kesalahan: list[str]) -> None:
        self.kesalahan = kesalahan
        super().__init__(kesalahan)


@dataclass
class HasilImpor:
    rencana: RencanaImpor
    simpan: HasilSimpan


def nama_sumber(nama_berkas: str) -> str:
    """The file name as the history shows it: no folders, at most 100 characters."""
    nama = PurePath(nama_berkas.replace("\\", "/")).name.strip() or "berkas tanpa nama"
    return nama[:100]


def realisasi_impor(
    *,
    isi: bytes,
    nama_berkas: str,
    organisasi: Organisasi,
    tahun: int,
    pengguna: Pengguna | None,
    unit_kerja: UnitKerja | None = None,
    periode: Periode | None = None,
    baris_perintah: bool = False,
    konfirmasi_melebihi: bool = False,
    hari_ini: date | None = None,
) -> HasilImpor:
    """Import a filled template: every row or, if any row is refused, none (ImporDitolak
    with every bad row, or BerkasTidakValid for the file as a whole).

    From the command line (`baris_perintah`, an admin) the values land verified; from the
    upload page they land as drafts for the submit and verify path. The history of every
    changed value names the file.
    """
    berkas = baca_templat(isi)
    alasan = f"Impor dari {nama_sumber(nama_berkas)}"
    if baris_perintah:
        alasan += " oleh admin (baris perintah)"
    with transaction.atomic():
        # Checked and written in one transaction: what was checked is what gets saved.
        rencana = rencana_impor(
            berkas=berkas,
            organisasi=organisasi,
            tahun=tahun,
            pengguna=pengguna,
            unit_kerja=unit_kerja,
            periode=periode,
            baris_perintah=baris_perintah,
            konfirmasi_melebihi=konfirmasi_melebihi,
            hari_ini=hari_ini,
        )
        if rencana.kesalahan:
            raise ImporDitolak(rencana.kesalahan)
        if not rencana.perubahan:
            return HasilImpor(rencana, HasilSimpan())
        try:
            simpan = realisasi_simpan_impor(
                pengguna=pengguna,
                organisasi=organisasi,
                tahun=tahun,
                periode=rencana.periode,
                isian=rencana.isian,
                alasan=alasan,
                terverifikasi=baris_perintah,
                hari_ini=hari_ini,
            )
        except TidakBerwenang:
            raise
        except Ditolak as exc:
            raise ImporDitolak(exc.daftar) from None
    return HasilImpor(rencana, simpan)
