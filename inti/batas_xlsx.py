"""Limits on what an uploaded .xlsx unpacks to, checked before openpyxl reads it.

A 1 MB upload can declare a sheet of 16,384 × 1,048,576 cells, hold a million rows, or a
shared-strings table of millions of entries: openpyxl then spends minutes and gigabytes.
This module looks at the zip directory and streams the few parts that matter, stopping as
soon as a limit is passed, so a hostile file is refused in well under a second:

- the zip directory: number of parts, each part's and the total uncompressed size, and the
  compression ratio of large parts (zipfile stops reading a part at its declared size and
  checks its CRC, so a part cannot unpack to more than the directory says);
- the shared-strings table: the number of entries;
- every worksheet: the declared dimension, the number of rows, the highest row and column.

Pure Python (no Django); the limits come from the caller (kinerja.realisasi.baca.BATAS_TEMPLAT
says what a realisasi template can need). Every refusal is an Indonesian message for users.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import column_index_from_string

MB = 1024 * 1024

_JENIS_TEKS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_JENIS_LEMBAR = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SEL = re.compile(r"([A-Za-z]{1,3})(\d+)$")

# Small parts compress as they like; the ratio says something only about large ones.
_RASIO_MULAI = 1 * MB


class XlsxMelebihiBatas(ValueError):
    """The message is shown to users as is."""

    def __init__(self, pesan: str) -> None:
        self.pesan = pesan
        super().__init__(pesan)


@dataclass(frozen=True)
class BatasXlsx:
    bagian_maks: int  # parts in the zip
    ukuran_bagian_maks: int  # bytes one part may unpack to
    ukuran_total_maks: int  # bytes all parts together may unpack to
    rasio_maks: int  # uncompressed / compressed, for parts above _RASIO_MULAI
    teks_maks: int  # entries of the shared-strings table
    baris_maks: int  # rows of a worksheet (also its highest row number)
    kolom_maks: int  # highest column of a worksheet


def periksa_xlsx(isi: bytes, batas: BatasXlsx) -> None:
    """Raise XlsxMelebihiBatas when the workbook unpacks to more than `batas` allows. A file
    that is no zip at all passes: reading it fails later with its own message."""
    try:
        arsip = zipfile.ZipFile(io.BytesIO(isi))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with arsip:
        _periksa_direktori(arsip, batas)
        jenis = _jenis_bagian(arsip)
        try:
            for nama, isi_jenis in jenis.items():
                if isi_jenis == _JENIS_TEKS:
                    _periksa_teks(arsip, nama, batas)
                elif isi_jenis == _JENIS_LEMBAR:
                    _periksa_lembar(arsip, nama, batas)
        except (KeyError, zipfile.BadZipFile, OSError, SyntaxError, ValueError) as exc:
            if isinstance(exc, XlsxMelebihiBatas):
                raise
            return  # a broken part: openpyxl refuses the file with the general message


def _mb(ukuran: int) -> str:
    return f"{ukuran / MB:.1f}".replace(".", ",")


def _periksa_direktori(arsip: zipfile.ZipFile, batas: BatasXlsx) -> None:
    bagian = arsip.infolist()
    if len(bagian) > batas.bagian_maks:
        raise XlsxMelebihiBatas(
            f"Berkas terdiri atas {len(bagian)} bagian, padahal templat realisasi paling "
            f"banyak {batas.bagian_maks}. Unduh templat dari halaman realisasi, isi, lalu "
            "unggah."
        )
    total = 0
    for b in bagian:
        if b.file_size > batas.ukuran_bagian_maks:
            raise XlsxMelebihiBatas(
                f"Isi berkas terlalu besar setelah dibuka: bagian {b.filename} berukuran "
                f"{_mb(b.file_size)} MB, paling besar {_mb(batas.ukuran_bagian_maks)} MB. "
                "Templat realisasi jauh lebih kecil; unduh templat baru lalu isi."
            )
        if b.file_size > _RASIO_MULAI and b.file_size > batas.rasio_maks * max(b.compress_size, 1):
            raise XlsxMelebihiBatas(
                f"Berkas dimampatkan secara tidak wajar: bagian {b.filename} "
                f"{b.file_size // max(b.compress_size, 1)} kali lebih besar setelah dibuka. "
                "Berkas seperti ini tidak diterima; unduh templat baru lalu isi."
            )
        total += b.file_size
    if total > batas.ukuran_total_maks:
        raise XlsxMelebihiBatas(
            f"Isi berkas terlalu besar setelah dibuka ({_mb(total)} MB, paling besar "
            f"{_mb(batas.ukuran_total_maks)} MB). Templat realisasi jauh lebih kecil; unduh "
            "templat baru lalu isi."
        )


def _jenis_bagian(arsip: zipfile.ZipFile) -> dict[str, str]:
    """Part name -> content type, from [Content_Types].xml (how openpyxl finds the parts)."""
    hasil = {}
    try:
        with arsip.open("[Content_Types].xml") as sumber:
            for _acara, el in iterparse(sumber):
                if el.tag.endswith("}Override"):
                    nama = (el.get("PartName") or "").lstrip("/")
                    hasil[nama] = el.get("ContentType") or ""
    except (KeyError, zipfile.BadZipFile, OSError, SyntaxError, ValueError):
        return {}
    return {nama: jenis for nama, jenis in hasil.items() if nama in arsip.NameToInfo}


# An entry of the shared-strings table, with or without a namespace prefix. Counted on the
# raw bytes: a comment or CDATA that looks like an entry only makes the count higher, and
# nothing can make a real entry invisible (XML has no other way to write a tag name).
_ENTRI_TEKS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _periksa_teks(arsip: zipfile.ZipFile, nama: str, batas: BatasXlsx) -> None:
    """Count the entries without building them: parsing each one costs ten times more, and
    a table of hundreds of thousands must be refused in well under a second."""
    jumlah = 0
    sisa = b""
    with arsip.open(nama) as sumber:
        while potongan := sumber.read(MB):
            data = sisa + potongan
            potong = data.rfind(b"<")  # a tag may straddle two reads: keep its start
            if potong <= 0:
                potong = len(data)
            jumlah += len(_ENTRI_TEKS.findall(data, 0, potong))
            sisa = data[potong:]
            if jumlah > batas.teks_maks:
                break
    jumlah += len(_ENTRI_TEKS.findall(sisa + b" "))
    if jumlah > batas.teks_maks:
        raise XlsxMelebihiBatas(
            f"Berkas memuat lebih dari {batas.teks_maks} teks berbeda, padahal templat "
            "realisasi jauh lebih sedikit. Unduh templat baru lalu isi."
        )


def _tolak_ukuran(baris: int, kolom: int, batas: BatasXlsx) -> None:
    if baris > batas.baris_maks or kolom > batas.kolom_maks:
        raise XlsxMelebihiBatas(
            f"Lembar kerja dalam berkas terlalu besar ({baris} baris × {kolom} kolom); templat "
            f"realisasi paling banyak {batas.baris_maks} baris dan {batas.kolom_maks} kolom "
            "(satu baris per indikator). Hapus isi di luar tabel templat, atau unduh templat "
            "baru lalu isi."
        )


def _periksa_lembar(arsip: zipfile.ZipFile, nama: str, batas: BatasXlsx) -> None:
    """The declared dimension first (openpyxl pads every row to it), then every row and
    cell actually present; stops at the first one past the limits."""
    baris = 0
    kolom_berjalan = 0
    with arsip.open(nama) as sumber:
        for _acara, el in iterparse(sumber):
            tag = el.tag.rpartition("}")[2]
            if tag == "c":
                cocok = _SEL.match(el.get("r") or "")
                kolom_berjalan = column_index_from_string(cocok[1]) if cocok else kolom_berjalan + 1
                _tolak_ukuran(int(cocok[2]) if cocok else baris + 1, kolom_berjalan, batas)
            elif tag == "row":
                baris += 1
                nomor = el.get("r") or ""
                _tolak_ukuran(max(baris, int(nomor) if nomor.isdigit() else 0), 0, batas)
                kolom_berjalan = 0
                el.clear()
            elif tag == "dimension":
                ujung = (el.get("ref") or "").rpartition(":")[2]
                cocok = _SEL.match(ujung)
                if cocok:
                    _tolak_ukuran(int(cocok[2]), column_index_from_string(cocok[1]), batas)
