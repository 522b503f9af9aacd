"""The monitoring table and the per-indicator distribution as XLSX and CSV.

Both are written from the same table definitions (pantau.tabel): the XLSX through
laporan.xlsx.buku_tabel, with the number formats every export uses (an Indonesian Excel
shows 87,50 %); the CSV with the figures written the way an Indonesian Excel reads them.

CSV choices: UTF-8 with a byte-order mark, fields separated by semicolons, a decimal comma
and no thousands separator. Excel opens a .csv with the list separator of the Windows
locale, which for Indonesian (decimal comma) is the semicolon, and takes a file as UTF-8 only
when it starts with the BOM; "87,50" then reads as the number 87,5, where a thousands dot
("1.000.000") would be ambiguous with a decimal point in other locales. Text goes through
inti.xlsx.sel_aman, so no field starts a formula.

Big trees: the XLSX can also be built by a Celery task (pantau.tasks.susun_xlsx_pantau) into
the private storage, under a random key, and downloaded from there after the access check.
"""

import csv
import io
import os
import re
from collections.abc import Mapping
from decimal import Decimal

from django.core.files.base import ContentFile

from inti.angka import bulatkan
from inti.xlsx import sel_aman
from kinerja.models import penyimpanan_pribadi
from laporan.tabel import Angka, Jenis, Kode, Sel, Tabel
from laporan.xlsx import buku_tabel
from organisasi.models import Organisasi
from pantau.distribusi import distribusi_indikator
from pantau.saring import baris_pantau
from pantau.tabel import tabel_distribusi, tabel_pantau

__all__ = [
    "nama_berkas",
    "pantau_csv",
    "pantau_xlsx",
    "pantau_xlsx_simpan",
    "pantau_xlsx_tersimpan",
    "tabel_csv",
]

_FOLDER = "pantau/xlsx"
_KUNCI = re.compile(r"[0-9a-f]{32}")


def _teks_csv(v: Sel) -> str:
    if v is None:
        return ""
    if isinstance(v, Angka):
        if v.nilai is None:
            return ""
        bulat = v.jenis in (Jenis.BULAT, Jenis.RUPIAH)
        desimal = 0 if bulat else 2 if v.desimal is None else v.desimal
        return format(bulatkan(v.nilai, desimal), "f").replace(".", ",")
    if isinstance(v, Kode):
        return str(sel_aman(v.teks))
    if isinstance(v, Decimal):
        return format(v, "f").replace(".", ",")
    return str(sel_aman(str(v)))


def tabel_csv(t: Tabel) -> bytes:
    keluaran = io.StringIO()
    tulis = csv.writer(keluaran, delimiter=";", lineterminator="\r\n")
    tulis.writerow([sel_aman(k) for k in t.kolom])
    for b in [*t.baris, *t.jumlah]:
        tulis.writerow([_teks_csv(v) for v in b.sel])
    return ("\ufeff" + keluaran.getvalue()).encode("utf-8")


def judul_pantau(organisasi: Organisasi, tahun: int) -> str:
    return f"Pemantauan {organisasi.nama_singkat or organisasi.nama} {tahun}"


def judul_distribusi(organisasi: Organisasi, tahun: int) -> str:
    return f"Capaian per indikator di bawah {organisasi.nama_singkat or organisasi.nama} {tahun}"


def pantau_xlsx(*, organisasi: Organisasi, tahun: int, get: Mapping[str, str]) -> bytes:
    """The page's rows (its filters and sort) and the per-indicator distribution."""
    hasil = baris_pantau(organisasi=organisasi, tahun=tahun, get=get)
    distribusi = distribusi_indikator(organisasi=organisasi, tahun=tahun)
    return buku_tabel(
        [
            ("Pemantauan", [tabel_pantau(hasil.baris, judul=judul_pantau(organisasi, tahun))]),
            (
                "Per indikator",
                [tabel_distribusi(distribusi, judul=judul_distribusi(organisasi, tahun))],
            ),
        ],
        judul=judul_pantau(organisasi, tahun),
    )


def pantau_csv(*, organisasi: Organisasi, tahun: int, get: Mapping[str, str]) -> bytes:
    hasil = baris_pantau(organisasi=organisasi, tahun=tahun, get=get)
    return tabel_csv(tabel_pantau(hasil.baris, judul=judul_pantau(organisasi, tahun)))


def nama_berkas(organisasi: Organisasi, tahun: int, akhiran: str) -> str:
    return f"pantau-{organisasi.slug}-{tahun}{akhiran}"


def _nama_tersimpan(organisasi: Organisasi, tahun: int, kunci: str) -> str:
    if not _KUNCI.fullmatch(kunci):
        raise ValueError("kunci berkas tidak valid")
    return f"{_FOLDER}/{nama_berkas(organisasi, tahun, '')}-{kunci}.xlsx"


def pantau_xlsx_simpan(
    *, organisasi: Organisasi, tahun: int, get: Mapping[str, str], kunci: str
) -> str:
    """The workbook into the private storage under the key the request drew (the name holds
    the organisation, so the key opens nothing but what its own access check allows);
    run again with the same key (a redelivered task), it writes nothing new.

    Written under a temporary name and renamed: the download page, polling for the name,
    never reads a half-written file."""
    nama = _nama_tersimpan(organisasi, tahun, kunci)
    penyimpanan = penyimpanan_pribadi()
    if not penyimpanan.exists(nama):
        isi = pantau_xlsx(organisasi=organisasi, tahun=tahun, get=get)
        sementara = penyimpanan.save(f"{nama}.sebagian", ContentFile(isi))
        os.replace(penyimpanan.path(sementara), penyimpanan.path(nama))
    return nama


def pantau_xlsx_tersimpan(*, organisasi: Organisasi, tahun: int, kunci: str) -> bytes | None:
    """The stored workbook, or None while the task is still building it (or for a key
    that names nothing)."""
    try:
        nama = _nama_tersimpan(organisasi, tahun, kunci)
    except ValueError:
        return None
    penyimpanan = penyimpanan_pribadi()
    if not penyimpanan.exists(nama):
        return None
    with penyimpanan.open(nama) as berkas:
        isi: bytes = berkas.read()
    return isi
