"""The open data of a finalised year: its indicators with target, realisasi, capaian and
category as numbers, in JSON and CSV (dot decimal), with the final report's SHA-256.

The figures are those of the capaian table the report prints (verified realisasi); finalising
closes every period of the year, so they are the report's figures.
"""

import csv
import io
from decimal import Decimal

from kinerja.capaian import BarisCapaian, tabel_capaian
from laporan.models import LaporanFinal
from organisasi.models import Organisasi

# The CSV's columns, in order (documented in the README).
KOLOM = (
    "sasaran_nomor",
    "sasaran",
    "indikator_kode",
    "indikator",
    "satuan",
    "target",
    "target_atas",
    "target_tingkat",
    "realisasi",
    "realisasi_tingkat",
    "capaian_persen",
    "kategori",
    "status",
    "sha256_laporan",
)


def _angka(nilai: Decimal | None) -> Decimal | None:
    """Without trailing zeros and never in exponent form: 100.0000 -> 100, 96.70 -> 96.7."""
    if nilai is None:
        return None
    teks = format(nilai.normalize(), "f")
    return Decimal(teks)


def baris_data(baris: BarisCapaian, sha256: str) -> dict[str, object]:
    ind = baris.indikator
    return {
        "sasaran_nomor": ind.sasaran.nomor,
        "sasaran": ind.sasaran.nama,
        "indikator_kode": ind.kode,
        "indikator": ind.nama,
        "satuan": ind.satuan,
        "target": _angka(baris.target.angka),
        "target_atas": _angka(baris.target.angka_atas),
        "target_tingkat": baris.target.tingkat.kode if baris.target.tingkat else None,
        "realisasi": _angka(baris.realisasi.angka),
        "realisasi_tingkat": baris.realisasi.tingkat.kode if baris.realisasi.tingkat else None,
        "capaian_persen": _angka(baris.hasil.persen),
        "kategori": baris.kategori.nama if baris.kategori else None,
        "status": str(baris.hasil.status.value),
        "sha256_laporan": sha256,
    }


def data_capaian(*, organisasi: Organisasi, tahun: int, final: LaporanFinal) -> dict[str, object]:
    """The year's open data (the capaian table's nine queries)."""
    tabel = tabel_capaian(organisasi=organisasi, tahun=tahun)
    return {
        "organisasi": organisasi.nama,
        "tahun": tahun,
        "sha256": final.sha256,
        "versi_final": final.versi,
        "difinalkan_pada": final.difinalkan_pada.isoformat(),
        "dipublikasikan_pada": (
            final.dipublikasikan_pada.isoformat() if final.dipublikasikan_pada else None
        ),
        "indikator": [baris_data(b, final.sha256) for b in tabel.baris],
    }


def _json(nilai: object) -> str:
    """JSON text in which a Decimal is a JSON number written exactly as the Decimal (the
    standard encoder would need a float, or write a string)."""
    import json

    if isinstance(nilai, Decimal):
        return format(nilai, "f")
    if isinstance(nilai, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {_json(v)}" for k, v in nilai.items()) + "}"
    if isinstance(nilai, list | tuple):
        return "[" + ", ".join(_json(v) for v in nilai) + "]"
    return json.dumps(nilai, ensure_ascii=False)


def sebagai_json(data: dict[str, object]) -> bytes:
    return (_json(data) + "\n").encode("utf-8")


def sebagai_csv(data: dict[str, object]) -> bytes:
    keluaran = io.StringIO()
    tulis = csv.DictWriter(keluaran, fieldnames=KOLOM, lineterminator="\n")
    tulis.writeheader()
    for baris in data["indikator"]:  # type: ignore[attr-defined]
        tulis.writerow(
            {
                k: ("" if v is None else format(v, "f") if isinstance(v, Decimal) else v)
                for k, v in baris.items()
            }
        )
    return keluaran.getvalue().encode("utf-8")
