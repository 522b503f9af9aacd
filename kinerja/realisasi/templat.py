"""The realisasi template a unit fills in (kinerja.realisasi.impor reads it back).

The first sheet has one row per indicator the unit enters for the year (the entry page's
rows: the agreement in force, then the outcome-level indicators), with the columns of
`JUDUL`. Two hidden columns carry the indicator's stable code and the version of the value
when the file was made; a very hidden sheet says for which organisation, year, period and
unit the file was made. Only Realisasi, Kendala, Tindak Lanjut and Faktor Pendorong are
unlocked (sheet
protection without a password: it prevents slips, the import checks everything).
"""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from inti.capaian import TipeNilai
from inti.tampilan import format_nilai
from inti.xlsx import FORMAT_ANGKA, FORMAT_PERSEN, judul_kolom, ke_bytes, tulis
from kinerja.models import Periode, Realisasi
from kinerja.realisasi.selectors import IndikatorUnit, indikator_unit
from organisasi.models import Organisasi, UnitKerja
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
    "Faktor Pendorong",
    "Kode",
    "Versi",
]
LEBAR = [36, 60, 10, 12, 14, 40, 40, 40, 28, 8]
(
    K_SASARAN,
    K_INDIKATOR,
    K_SATUAN,
    K_TARGET,
    K_REALISASI,
    K_KENDALA,
    K_TINDAK,
    K_PENDORONG,
    K_KODE,
    K_VERSI,
) = range(1, 11)
BARIS_JUDUL = 3
# The cells people fill in (unlocked); the rest of a row is read-only.
KOLOM_ISIAN = (K_REALISASI, K_KENDALA, K_TINDAK, K_PENDORONG)
# Carried for the import, hidden from people.
KOLOM_TERSEMBUNYI = (K_KODE, K_VERSI)
KOLOM_PANJANG = (K_SASARAN, K_INDIKATOR, K_KENDALA, K_TINDAK, K_PENDORONG)  # wrapped text

PETUNJUK = (
    "Isi kolom Realisasi, Kendala, Tindak Lanjut dan Faktor Pendorong saja. Sel Realisasi "
    "yang kosong berarti tidak ada perubahan. Persentase ditulis sebagai angkanya, misalnya 96,7."
)


def format_sel(tipe: str) -> str:
    return FORMAT_PERSEN if tipe == TipeNilai.PERSENTASE else FORMAT_ANGKA


def nama_templat(*, organisasi: Organisasi, tahun: int, periode: str, unit_kerja=None) -> str:
    pemilik = unit_kerja.slug if unit_kerja is not None else organisasi.slug
    return f"realisasi-{pemilik}-{tahun}-{periode}.xlsx"


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

    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    pemilik = unit_kerja.nama if unit_kerja is not None else organisasi.nama
    _tulis_kepala(ws, f"Realisasi {periode.label} {tahun} — {pemilik}")
    _tulis_baris_indikator(ws, daftar, sekarang, tingkat_per_skala(daftar))
    _lindungi_lembar(ws)
    _tulis_info(
        wb,
        [
            ("format", FORMAT_BERKAS),
            ("organisasi", organisasi.slug),
            ("tahun", tahun),
            ("periode", periode.value),
            ("unit", unit_kerja.slug if unit_kerja is not None else ""),
            ("dibuat", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ],
    )
    # Nobody unhides, renames or adds sheets by accident; the import reads the first sheet.
    wb.security = WorkbookProtection(lockStructure=True)
    return ke_bytes(wb)


def tingkat_per_skala(daftar: list[IndikatorUnit]) -> dict[int, list[TingkatSkala]]:
    """The levels of every ordinal scale the indicators use (scale pk -> levels in order)."""
    id_skala = {d.indikator.skala_id for d in daftar if d.indikator.skala_id}
    hasil: dict[int, list[TingkatSkala]] = {}
    for t in TingkatSkala.objects.filter(skala_id__in=id_skala).order_by("skala", "peringkat"):
        hasil.setdefault(t.skala_id, []).append(t)
    return hasil


def _tulis_kepala(ws: Worksheet, judul: str) -> None:
    """The title, the one-line instructions and the column headers."""
    ws.cell(row=1, column=1, value=judul).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=PETUNJUK).font = Font(italic=True)
    judul_kolom(ws, BARIS_JUDUL, JUDUL, LEBAR)


def _tulis_baris_indikator(
    ws: Worksheet,
    daftar: list[IndikatorUnit],
    sekarang: dict[int, Realisasi],
    tingkat: dict[int, list[TingkatSkala]],
) -> None:
    """One row per indicator; an ordinal indicator's Realisasi cell offers its levels."""
    daftar_tingkat: dict[int, DataValidation] = {}
    terbuka = Protection(locked=False)
    for nomor, d in enumerate(daftar, start=BARIS_JUDUL + 1):
        ind = d.indikator
        r = sekarang.get(ind.pk)
        tulis(ws, nomor, K_SASARAN, f"{ind.sasaran.nomor}. {ind.sasaran.nama}")
        tulis(ws, nomor, K_INDIKATOR, ind.nama)
        tulis(ws, nomor, K_SATUAN, ind.satuan)
        if ind.is_ordinal:
            _tulis_tingkat(ws, nomor, d, r)
            if ind.skala_id not in daftar_tingkat:
                daftar_tingkat[ind.skala_id] = _pilihan_tingkat(tingkat.get(ind.skala_id, []))
            daftar_tingkat[ind.skala_id].add(ws.cell(row=nomor, column=K_REALISASI))
        else:
            _tulis_angka(ws, nomor, d, r)
        tulis(ws, nomor, K_KENDALA, r.kendala if r else None)
        tulis(ws, nomor, K_TINDAK, r.tindak_lanjut if r else None)
        tulis(ws, nomor, K_PENDORONG, r.faktor_pendorong if r else None)
        tulis(ws, nomor, K_KODE, ind.kode)
        tulis(ws, nomor, K_VERSI, r.versi if r else 0)
        for kolom in KOLOM_ISIAN:
            ws.cell(row=nomor, column=kolom).protection = terbuka
        for kolom in KOLOM_PANJANG:
            ws.cell(row=nomor, column=kolom).alignment = Alignment(wrap_text=True, vertical="top")
    for validasi in daftar_tingkat.values():
        ws.add_data_validation(validasi)


def _tulis_tingkat(ws: Worksheet, nomor: int, d: IndikatorUnit, r: Realisasi | None) -> None:
    """Target and realisasi of an ordinal indicator: level codes."""
    target = d.target
    tulis(ws, nomor, K_TARGET, target.tingkat.kode if target.tingkat else None)
    tulis(ws, nomor, K_REALISASI, r.tingkat.kode if r and r.tingkat_id else None)


def _tulis_angka(ws: Worksheet, nomor: int, d: IndikatorUnit, r: Realisasi | None) -> None:
    """Target and realisasi of a numeric indicator, in its number format."""
    ind, target = d.indikator, d.target
    fmt = format_sel(ind.tipe)
    if target.angka_atas is not None:
        # A band is two numbers: written as the report prints it.
        teks = format_nilai(tipe=ind.tipe, angka=target.angka, angka_atas=target.angka_atas)
        tulis(ws, nomor, K_TARGET, teks)
    else:
        tulis(ws, nomor, K_TARGET, target.angka, fmt)
    tulis(ws, nomor, K_REALISASI, r.nilai if r else None, fmt)
    ws.cell(row=nomor, column=K_REALISASI).number_format = fmt


def _pilihan_tingkat(tingkat: list[TingkatSkala]) -> DataValidation:
    """A drop-down of a scale's level codes, refusing anything else."""
    kode = [t.kode for t in tingkat]
    return DataValidation(
        type="list",
        formula1='"' + ",".join(kode) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tingkat tidak dikenal",
        error="Pilih salah satu tingkat dari daftar: " + ", ".join(kode),
    )


def _lindungi_lembar(ws: Worksheet) -> None:
    """Hide the import's columns, freeze the headers, lock what is not to be filled in,
    and print landscape on one page wide."""
    for kolom in KOLOM_TERSEMBUNYI:
        ws.column_dimensions[get_column_letter(kolom)].hidden = True
    ws.freeze_panes = ws.cell(row=BARIS_JUDUL + 1, column=1)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people may still widen columns and rows
    ws.protection.formatRows = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _tulis_info(wb: Workbook, isi: list[tuple[str, str | int]]) -> None:
    """The very hidden sheet that says what the template was made for (key, value rows)."""
    info = wb.create_sheet(LEMBAR_INFO)
    for i, (kunci, nilai) in enumerate(isi, start=1):
        tulis(info, i, 1, kunci)
        tulis(info, i, 2, nilai)
    info.sheet_state = "veryHidden"
