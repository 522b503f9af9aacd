"""The content of an agreement as canonical JSON, and its SHA-256: what a signature signs.

Everything the document prints is in it: organisation, unit, year, version, both parties
(name, NIP, position as printed), place and date, every target and every kegiatan line. The
verification page recomputes the hash and compares it with the one stored at signing.
"""

import hashlib
import json
from decimal import Decimal
from typing import Any

from kinerja.models import PerjanjianKinerja
from organisasi.models import Pejabat


def _angka(nilai: Decimal | None) -> str | None:
    # "100", never "100.0000" or "1E+2": SQLite and PostgreSQL return different scales.
    return None if nilai is None else format(nilai.normalize(), "f")


def _pihak(pejabat: Pejabat) -> dict[str, str]:
    return {
        "nama": pejabat.nama,
        "nip": pejabat.nip,
        "jabatan": pejabat.jabatan,
        "jabatan_ttd": pejabat.sebutan_ttd,
    }


def isi_perjanjian(perjanjian: PerjanjianKinerja) -> dict[str, Any]:
    organisasi, unit = perjanjian.organisasi, perjanjian.unit_kerja
    target = [
        {
            "indikator_id": t.indikator_id,
            "indikator": t.indikator.nama,
            "nilai": _angka(t.nilai),
            "nilai_atas": _angka(t.nilai_atas),
            "tingkat": t.tingkat.kode if t.tingkat_id else None,
        }
        for t in perjanjian.target.select_related("indikator", "tingkat").order_by("indikator_id")
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
        "organisasi": {"id": organisasi.pk, "nama": organisasi.nama},
        "unit_kerja": {"id": unit.pk, "nama": unit.nama} if unit else None,
        "tahun": perjanjian.tahun,
        "versi": perjanjian.versi,
        "pihak_pertama": _pihak(perjanjian.pihak_pertama),
        "pihak_kedua": _pihak(perjanjian.pihak_kedua),
        "tempat": perjanjian.tempat,
        "tanggal": perjanjian.tanggal.isoformat(),
        "target": target,
        "kegiatan": kegiatan,
    }


def kanonik(isi: dict[str, Any]) -> bytes:
    return json.dumps(isi, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_perjanjian(perjanjian: PerjanjianKinerja) -> str:
    return hashlib.sha256(kanonik(isi_perjanjian(perjanjian))).hexdigest()
