"""The plan workbook's sheets: their names, their Indonesian column headers, and what each
column holds. The export writes them, the import reads them by header (column order may
change), and both normalise a value the same way, so that a cell written from the database
and the same cell read back from the file compare equal.
"""

from dataclasses import dataclass
from datetime import date, datetime

from inti.angka import AngkaTidakValid
from inti.xlsx import angka_dari_sel, sel_asli

TEKS = "teks"
ANGKA = "angka"  # Decimal, exact
BULAT = "bulat"  # a whole number: years, versions, sasaran numbers
TANGGAL = "tanggal"
NILAI = "nilai"  # a target or a realisasi: a number, or the level code of an ordinal scale
YA_TIDAK = "ya/tidak"


@dataclass(frozen=True)
class Kolom:
    judul: str
    kunci: str
    jenis: str = TEKS
    wajib: bool = False
    # Added after the first workbooks: a sheet without this column leaves its values alone.
    baru: bool = False


@dataclass(frozen=True)
class Lembar:
    nama: str
    kolom: tuple[Kolom, ...]


def _k(judul: str, kunci: str, jenis: str = TEKS, wajib: bool = False) -> Kolom:
    return Kolom(judul, kunci, jenis, wajib)


def _b(judul: str, kunci: str, jenis: str = TEKS) -> Kolom:
    return Kolom(judul, kunci, jenis, baru=True)


ORGANISASI = Lembar(
    "Organisasi",
    (
        _k("Nama", "nama", wajib=True),
        _k("Nama Singkat", "nama_singkat", wajib=True),
        _k("Nama Sekretariat", "nama_sekretariat"),
        _k("Slug", "slug"),
        _k("Induk", "induk"),
        _k("Alamat", "alamat"),
        _k("Kota", "kota"),
        _k("Provinsi", "provinsi"),
        _k("Kode Pos", "kode_pos"),
        _k("Telepon", "telepon"),
        _k("Faks", "faks"),
        _k("Email", "email"),
    ),
)
UNIT = Lembar(
    "Unit Kerja",
    (
        _k("Slug", "slug", wajib=True),
        _k("Nama", "nama", wajib=True),
        _k("Nama Singkat", "nama_singkat", wajib=True),
        _k("Jenis", "jenis", wajib=True),
        _k("Induk", "induk"),
        _k("Uraian Tugas", "tugas"),
    ),
)
PEJABAT = Lembar(
    "Pejabat",
    (
        _k("Peran", "peran", wajib=True),
        _k("Unit Kerja", "unit_kerja"),
        _k("Mulai", "mulai", TANGGAL, wajib=True),
        _b("Selesai", "selesai", TANGGAL),
        _k("Nama", "nama", wajib=True),
        _k("NIP", "nip"),
        _k("Jabatan", "jabatan", wajib=True),
        _k("Jabatan pada Tanda Tangan", "jabatan_ttd"),
        _b("Pelaksana", "pelaksana"),
    ),
)
RENSTRA = Lembar(
    "Renstra",
    (
        _k("Judul", "judul", wajib=True),
        _k("Tahun Mulai", "tahun_mulai", BULAT, wajib=True),
        _k("Tahun Selesai", "tahun_selesai", BULAT, wajib=True),
        _k("Nomor Keputusan", "nomor_keputusan"),
        _b("Tanggal Keputusan", "tanggal_keputusan", TANGGAL),
        _k("Visi", "visi", wajib=True),
    ),
)
MISI = Lembar("Misi", (_k("Nomor", "nomor", BULAT, wajib=True), _k("Misi", "teks", wajib=True)))
TUJUAN = Lembar(
    "Tujuan", (_k("Nomor", "nomor", BULAT, wajib=True), _k("Tujuan", "teks", wajib=True))
)
SASARAN_TUJUAN = Lembar(
    "Sasaran Tujuan",
    (
        _k("Tujuan", "tujuan", BULAT, wajib=True),
        _k("Nomor", "nomor", BULAT, wajib=True),
        _k("Sasaran", "teks", wajib=True),
    ),
)
SASARAN = Lembar(
    "Sasaran Strategis",
    (
        _k("Nomor", "nomor", BULAT, wajib=True),
        _k("Sasaran Strategis", "nama", wajib=True),
        _k("Tabel Bukti", "tabel_bukti"),
    ),
)
INDIKATOR = Lembar(
    "Indikator",
    (
        _k("Kode", "kode", wajib=True),
        _k("Sasaran", "sasaran", BULAT, wajib=True),
        _k("Indikator Kinerja", "nama", wajib=True),
        _k("Tingkat", "tingkat", wajib=True),
        _k("Sasaran Program", "sasaran_program"),
        _k("Jenis Nilai", "tipe", wajib=True),
        _k("Skala", "skala"),
        _k("Satuan", "satuan"),
        _k("Polaritas", "polaritas", wajib=True),
        _k("Agregasi", "agregasi", wajib=True),
        _k("Unit Kerja", "unit_kerja"),
        _b("Kode Pendahulu", "pendahulu"),
        _b("Definisi Operasional", "definisi_operasional"),
        _b("Formula", "formula"),
        _b("Sumber Data", "sumber_data"),
    ),
)
TARGET_RENSTRA = Lembar(
    "Target Renstra",
    (
        _k("Kode", "kode", wajib=True),
        _k("Indikator Kinerja", "nama"),
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Target", "nilai", NILAI, wajib=True),
        _k("Target Atas", "nilai_atas", ANGKA),
    ),
)
PERJANJIAN = Lembar(
    "Perjanjian",
    (
        _k("Unit Kerja", "unit_kerja"),
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Versi", "versi", BULAT, wajib=True),
        _k("Pihak Pertama", "pihak_pertama", wajib=True),
        _k("Pihak Kedua", "pihak_kedua", wajib=True),
        _k("Tempat", "tempat", wajib=True),
        _k("Tanggal", "tanggal", TANGGAL),
        _k("Ditandatangani", "ditandatangani", YA_TIDAK),
    ),
)
TARGET_PERJANJIAN = Lembar(
    "Target Perjanjian",
    (
        _k("Unit Kerja", "unit_kerja"),
        _k("Versi", "versi", BULAT, wajib=True),
        _k("Kode", "kode", wajib=True),
        _k("Indikator Kinerja", "nama"),
        _k("Target", "nilai", NILAI, wajib=True),
        _k("Target Atas", "nilai_atas", ANGKA),
    ),
)
KEGIATAN_PERJANJIAN = Lembar(
    "Kegiatan Perjanjian",
    (
        _k("Unit Kerja", "unit_kerja"),
        _k("Versi", "versi", BULAT, wajib=True),
        _k("Kegiatan", "uraian", wajib=True),
        _k("Anggaran", "anggaran", ANGKA, wajib=True),
        _k("Kode Program", "program"),
        _k("Kode Kegiatan", "kegiatan"),
        _k("Sasaran", "sasaran", BULAT),
        _k("Kode", "indikator"),
        _k("Sumber Dana", "sumber_dana"),
    ),
)
ANGGARAN = Lembar(
    "Anggaran",
    (
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Kode Program", "program", wajib=True),
        _k("Program", "nama_program", wajib=True),
        _k("Realisasi Program", "realisasi_program", ANGKA),
        _k("Kode Kegiatan", "kode"),
        _k("Kegiatan", "nama"),
        _k("Sumber Dana", "sumber_dana"),
        _k("Pagu", "pagu", ANGKA),
        _k("Realisasi", "realisasi", ANGKA),
        _k("Kode KRO", "kode_kro"),
        _k("Kode RO", "kode_ro"),
    ),
)
REALISASI = Lembar(
    "Realisasi",
    (
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Kode", "kode", wajib=True),
        _k("Indikator Kinerja", "nama"),
        _k("Periode", "periode", wajib=True),
        _k("Realisasi", "nilai", NILAI, wajib=True),
        _k("Status", "status", wajib=True),
        _k("Kendala", "kendala"),
        _k("Tindak Lanjut", "tindak_lanjut"),
        _k("Faktor Pendorong", "faktor_pendorong"),
    ),
)

URAIAN_TUGAS = Lembar(
    "Uraian Tugas",
    (
        _k("Jenis", "jenis", wajib=True),
        _k("Urutan", "urutan", BULAT, wajib=True),
        _k("Uraian", "teks", wajib=True),
    ),
)
PEGAWAI = Lembar(
    "Jumlah Pegawai",
    (
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Status Kepegawaian", "status", wajib=True),
        _k("Jumlah", "jumlah", BULAT, wajib=True),
        _k("Urutan", "urutan", BULAT, wajib=True),
    ),
)
SKALA = Lembar(
    "Skala Ordinal",
    (
        _k("Kode Skala", "skala", wajib=True),
        _k("Nama Skala", "nama_skala", wajib=True),
        _k("Kode Tingkat", "kode", wajib=True),
        _k("Nama Tingkat", "nama", wajib=True),
        _k("Peringkat", "peringkat", BULAT, wajib=True),
    ),
)
SKALA_PENILAIAN = Lembar(
    "Skala Penilaian",
    (
        _k("Jenis", "jenis", wajib=True),
        _k("Kategori", "nama", wajib=True),
        _k("Batas Bawah", "batas_bawah", ANGKA),
        _k("Batas Bawah Termasuk", "inklusif", YA_TIDAK),
        _k("Keterangan", "keterangan"),
    ),
)
STANDAR = Lembar(
    "Standar Nasional",
    (
        _k("Kode", "kode", wajib=True),
        _k("Indikator Kinerja", "nama"),
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Nilai", "nilai", NILAI, wajib=True),
        _k("Sumber", "sumber", wajib=True),
    ),
)
LOGISTIK = Lembar(
    "Logistik",
    (
        _k("Kode Pemilihan", "pemilihan", wajib=True),
        _k("Pemilihan", "nama_pemilihan", wajib=True),
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Nomor", "urutan", BULAT),
        _k("Jenis Logistik", "jenis"),
        _k("Satuan", "satuan"),
        _k("Dipesan", "dipesan", BULAT),
        _k("Diterima", "diterima", BULAT),
        _k("Baik", "baik", BULAT),
        _k("Rusak", "rusak", BULAT),
    ),
)
LAPORAN = Lembar(
    "Laporan",
    (
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Tempat", "tempat", wajib=True),
        _k("Tanggal", "tanggal", TANGGAL),
        _k("Penandatangan", "penandatangan"),
        _k("Pohon Kinerja di Lampiran", "lampiran_pohon", YA_TIDAK),
    ),
)
NARASI = Lembar(
    "Narasi Laporan",
    (
        _k("Bagian", "bagian", wajib=True),
        _k("Judul Bagian", "judul"),
        _k("Teks", "teks"),
    ),
)
ANALISIS = Lembar(
    "Analisis Sasaran",
    (
        _k("Sasaran", "sasaran", BULAT, wajib=True),
        _k("Sasaran Strategis", "nama"),
        _k("Analisis", "teks"),
    ),
)
PRODUK_HUKUM = Lembar(
    "Produk Hukum",
    (
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Jenis Dokumen", "jenis_dokumen", wajib=True),
        _k("Satuan", "satuan", wajib=True),
        _k("Hardcopy", "hardcopy", BULAT, wajib=True),
        _k("Softcopy", "softcopy", BULAT, wajib=True),
    ),
)
CAPAIAN_LAIN = Lembar(
    "Capaian Lain",
    (
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Urutan", "urutan", BULAT, wajib=True),
        _k("Uraian", "uraian", wajib=True),
        _k("Keterangan Gambar", "keterangan_gambar"),
    ),
)
ANGKA_TERCETAK = Lembar(
    "Angka Tercetak",
    (
        _k("Tahun", "tahun", BULAT, wajib=True),
        _k("Kunci", "kunci", wajib=True),
        _k("Angka Tercetak", "teks", wajib=True),
    ),
)

SEMUA = (
    ORGANISASI,
    UNIT,
    PEJABAT,
    URAIAN_TUGAS,
    PEGAWAI,
    SKALA,
    RENSTRA,
    MISI,
    TUJUAN,
    SASARAN_TUJUAN,
    SASARAN,
    INDIKATOR,
    TARGET_RENSTRA,
    SKALA_PENILAIAN,
    STANDAR,
    PERJANJIAN,
    TARGET_PERJANJIAN,
    KEGIATAN_PERJANJIAN,
    ANGGARAN,
    REALISASI,
    LOGISTIK,
    LAPORAN,
    NARASI,
    ANALISIS,
    PRODUK_HUKUM,
    CAPAIAN_LAIN,
    ANGKA_TERCETAK,
)
# Sheets an older workbook may lack: read as empty, so a workbook exported before they
# existed still imports (and changes none of what they hold).
BARU = frozenset(
    lb.nama
    for lb in (
        URAIAN_TUGAS,
        PEGAWAI,
        SKALA,
        SKALA_PENILAIAN,
        STANDAR,
        LOGISTIK,
        LAPORAN,
        NARASI,
        ANALISIS,
        PRODUK_HUKUM,
        CAPAIAN_LAIN,
        ANGKA_TERCETAK,
    )
)

YA = "Ya"
TIDAK = "Tidak"


class SelTidakValid(ValueError):
    """The message names what is wrong with one cell; the caller adds sheet and row."""


def normal(nilai: object, kolom: Kolom) -> object:
    """A cell's value as the loader compares it: text stripped ("" when empty), numbers as
    Decimal, whole numbers as int, dates as date; None for an empty non-text cell."""
    nilai = sel_asli(nilai)
    if isinstance(nilai, str):
        nilai = nilai.strip()
    kosong = nilai is None or nilai == ""
    if kolom.wajib and kosong:
        raise SelTidakValid(f"kolom {kolom.judul} wajib diisi.")
    if kolom.jenis == TEKS:
        return "" if kosong else str(nilai)
    if kosong:
        return None
    if kolom.jenis == TANGGAL:
        return _tanggal(nilai, kolom)
    if kolom.jenis == YA_TIDAK:
        if nilai not in (YA, TIDAK):
            raise SelTidakValid(f"kolom {kolom.judul} berisi {YA} atau {TIDAK}, bukan {nilai!r}.")
        return nilai == YA
    if kolom.jenis == NILAI and isinstance(nilai, str) and not _mirip_angka(nilai):
        return nilai  # the level code of an ordinal scale, checked against the indicator
    try:
        angka = angka_dari_sel(nilai)
    except AngkaTidakValid:
        raise SelTidakValid(f"kolom {kolom.judul}: {nilai!r} bukan angka.") from None
    if kolom.jenis == BULAT:
        if angka != angka.to_integral_value():
            raise SelTidakValid(f"kolom {kolom.judul}: {nilai!r} bukan bilangan bulat.")
        return int(angka)
    return angka


def _mirip_angka(teks: str) -> bool:
    return any(c.isdigit() for c in teks)


def _tanggal(nilai: object, kolom: Kolom) -> date:
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    try:
        return date.fromisoformat(str(nilai))
    except ValueError:
        raise SelTidakValid(
            f"kolom {kolom.judul}: {nilai!r} bukan tanggal (tulis sebagai tanggal, "
            "atau TTTT-BB-HH)."
        ) from None
