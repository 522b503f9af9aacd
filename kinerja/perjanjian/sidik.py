"""The content of an agreement as canonical JSON, and its SHA-256: what a signature signs.

Everything the document prints is in it: organisation (as in the letterhead), unit, year,
version, both parties (name, NIP, position as printed), place and date, every target with
its indicator and sasaran, and every kegiatan line. At pihak pertama's signature this JSON is
frozen in PerjanjianKinerja.isi_beku, exactly as hashed; from then on the document is printed
from it and the verification page hashes it, whatever happens to the live master data.
"""

import hashlib
import json
from decimal import Decimal
from typing import Any

from kinerja.models import PerjanjianKinerja

# Format 2 holds everything printed. Format 1 (before the snapshot existed) hashed a subset:
# snapshots backfilled for agreements signed then carry "format": 1 and are checked against
# that subset, which is what their signatures covered.
FORMAT = 2


def _angka(nilai: Decimal | None) -> str | None:
    # "100", never "100.0000" or "1E+2": SQLite and PostgreSQL return different scales.
    return None if nilai is None else format(nilai.normalize(), "f")


_AWALAN_PELAKSANA = {"plt": "Plt.", "plh": "Plh."}


def _pihak(pejabat) -> dict[str, str]:
    # No model properties here: the backfill migration passes historical models, which may
    # predate the acting flag (getattr). An acting official signs as "Plt. <title>".
    jabatan_ttd = pejabat.jabatan_ttd or pejabat.jabatan
    awalan = _AWALAN_PELAKSANA.get(getattr(pejabat, "pelaksana", ""))
    return {
        "nama": pejabat.nama,
        "nip": pejabat.nip,
        "jabatan": pejabat.jabatan,
        "jabatan_ttd": f"{awalan} {jabatan_ttd}" if awalan else jabatan_ttd,
    }


def isi_perjanjian(perjanjian: PerjanjianKinerja) -> dict[str, Any]:
    """The live content, read from the agreement and the master data it points at."""
    organisasi, unit = perjanjian.organisasi, perjanjian.unit_kerja
    target = [
        {
            "indikator_id": t.indikator_id,
            "indikator": t.indikator.nama,
            "tipe": t.indikator.tipe,
            "sasaran": {
                "id": t.indikator.sasaran_id,
                "nomor": t.indikator.sasaran.nomor,
                "nama": t.indikator.sasaran.nama,
            },
            "nilai": _angka(t.nilai),
            "nilai_atas": _angka(t.nilai_atas),
            "tingkat": t.tingkat.kode if t.tingkat_id else None,
        }
        for t in perjanjian.target.select_related("indikator__sasaran", "tingkat").order_by(
            "indikator__sasaran__nomor", "urutan", "indikator__urutan", "indikator_id"
        )
    ]
    kegiatan = [
        {
            "uraian": k.uraian,
            "anggaran": _angka(k.anggaran),
            "program": k.program.kode if k.program_id else None,
            "kegiatan": k.kegiatan.kode if k.kegiatan_id else None,
        }
        for k in perjanjian.kegiatan.select_related("program", "kegiatan").order_by("urutan", "pk")
    ]
    return {
        "format": FORMAT,
        "organisasi": {
            "id": organisasi.pk,
            **{
                kolom: getattr(organisasi, kolom)
                for kolom in (
                    "nama",
                    "nama_singkat",
                    "nama_sekretariat",
                    "alamat",
                    "kota",
                    "kode_pos",
                    "telepon",
                    "faks",
                    "email",
                )
            },
            "logo": organisasi.logo.name or "",
        },
        "unit_kerja": {"id": unit.pk, "nama": unit.nama} if unit else None,
        "tahun": perjanjian.tahun,
        "versi": perjanjian.versi,
        "pihak_pertama": _pihak(perjanjian.pihak_pertama),
        "pihak_kedua": _pihak(perjanjian.pihak_kedua),
        "tempat": perjanjian.tempat,
        "tanggal": perjanjian.tanggal.isoformat() if perjanjian.tanggal else None,
        "target": target,
        "kegiatan": kegiatan,
    }


def isi_format_1(isi: dict[str, Any]) -> dict[str, Any]:
    """The subset that signatures made before the snapshot existed hashed, in its order."""
    return {
        "organisasi": {"id": isi["organisasi"]["id"], "nama": isi["organisasi"]["nama"]},
        "unit_kerja": isi["unit_kerja"],
        **{
            k: isi[k]
            for k in ("tahun", "versi", "pihak_pertama", "pihak_kedua", "tempat", "tanggal")
        },
        "target": [
            {k: t[k] for k in ("indikator_id", "indikator", "nilai", "nilai_atas", "tingkat")}
            for t in sorted(isi["target"], key=lambda t: t["indikator_id"])
        ],
        "kegiatan": isi["kegiatan"],
    }


def kanonik(isi: dict[str, Any]) -> bytes:
    return json.dumps(isi, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_isi(isi: dict[str, Any]) -> str:
    """The hash a signature of this content carries (format 1: of its signed subset)."""
    if isi.get("format") == 1:
        isi = isi_format_1(isi)
    return hashlib.sha256(kanonik(isi)).hexdigest()


def isi_tercetak(perjanjian: PerjanjianKinerja) -> dict[str, Any]:
    """What the agreement prints: the frozen snapshot once signed, else the live content."""
    if perjanjian.isi_beku:
        return json.loads(perjanjian.isi_beku)
    return isi_perjanjian(perjanjian)


def sha256_perjanjian(perjanjian: PerjanjianKinerja) -> str:
    return sha256_isi(isi_tercetak(perjanjian))
