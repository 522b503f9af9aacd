"""What an evidence file really is, read from its first bytes and not from its name.

No Django here: the rules take a binary file object and answer a kind or an Indonesian
message, so they can be tested on real files and reused by imports later.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

UKURAN_MAKS_MB = 10
UKURAN_MAKS = UKURAN_MAKS_MB * 1024 * 1024

# The main part of an Office Open XML package names what the package is.
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class JenisBerkas:
    jenis_konten: str
    akhiran: str
    nama: str


PDF = JenisBerkas("application/pdf", ".pdf", "PDF")
PNG = JenisBerkas("image/png", ".png", "PNG")
JPEG = JenisBerkas("image/jpeg", ".jpg", "JPG")
XLSX = JenisBerkas(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel (xlsx)"
)
DOCX = JenisBerkas(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    "Word (docx)",
)

JENIS_DITERIMA = (PDF, PNG, JPEG, XLSX, DOCX)

PESAN_JENIS = "hanya PDF, JPG, PNG, Excel (xlsx) atau Word (docx) yang dapat diterima"


class BerkasTidakValid(ValueError):
    """The message is shown to users as is."""


def periksa_berkas(berkas: BinaryIO, *, nama: str, ukuran: int) -> JenisBerkas:
    """The kind of an uploaded file, or BerkasTidakValid saying why it is refused."""
    if ukuran <= 0:
        raise BerkasTidakValid(f"Berkas {nama} kosong.")
    if ukuran > UKURAN_MAKS:
        raise BerkasTidakValid(f"Berkas {nama} terlalu besar; paling besar {UKURAN_MAKS_MB} MB.")
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    if kepala.startswith(b"%PDF-"):
        return PDF
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if kepala.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kepala.startswith(b"PK\x03\x04"):
        jenis = _jenis_office(berkas)
        berkas.seek(0)
        if jenis is not None:
            return jenis
    raise BerkasTidakValid(f"Isi berkas {nama} tidak dikenali: {PESAN_JENIS}.")


def _jenis_office(berkas: BinaryIO) -> JenisBerkas | None:
    try:
        with zipfile.ZipFile(berkas) as arsip, arsip.open("[Content_Types].xml") as bagian:
            # The part is small; a bound keeps a crafted archive from filling memory.
            isi = bagian.read(256 * 1024).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        return None
    if f'ContentType="{_XLSX}"' in isi:
        return XLSX
    if f'ContentType="{_DOCX}"' in isi:
        return DOCX
    return None


def nama_unduhan(nama_asli: str, jenis_konten: str) -> str:
    """The download name of an evidence file: the name it was uploaded with, but ending in
    the extension of the kind detected from its content. A PDF uploaded as `laporan.bat`
    or `laporan.html` downloads as `laporan.pdf`, so no browser or desktop runs it as
    something else."""
    jenis = next((j for j in JENIS_DITERIMA if j.jenis_konten == jenis_konten), None)
    akhiran = jenis.akhiran if jenis is not None else ".bin"
    nama = nama_asli.replace("\\", "/").rsplit("/", 1)[-1].strip()
    awal, titik, akhir = nama.rpartition(".")
    if titik and awal:
        if f".{akhir.lower()}" == akhiran or (akhiran == ".jpg" and akhir.lower() == "jpeg"):
            return nama
        nama = awal
    return (nama or "bukti") + akhiran
