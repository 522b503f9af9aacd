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
