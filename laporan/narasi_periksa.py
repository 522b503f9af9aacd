"""The consistency panel's check of the typed narratives: years that do not fit the report's
year and regulations cited two ways (the rules are in inti.periksa_narasi)."""

from collections.abc import Iterable
from typing import Protocol

from django.db import models

from inti.periksa_narasi import periksa_rujukan, periksa_tahun
from laporan.models import LaporanKinerja

JUDUL_TAHUN = "Tahun pada narasi yang tidak cocok dengan tahun laporan"
JUDUL_RUJUKAN = "Peraturan yang dikutip dengan nomor atau tahun berbeda antarnarasi"


class _Sasaran(Protocol):
    nomor: int


class _Analisis(Protocol):
    # laporan.analisis.AnalisisLakip, kept structural so that this check stays a leaf module.
    @property
    def sasaran(self) -> _Sasaran: ...

    teks: str


def teks_narasi(laporan: LaporanKinerja, analisis: Iterable[_Analisis]) -> dict[str, str]:
    """Every typed text of the report, by the label the narrative page gives it."""
    teks = {
        str(f.verbose_name).capitalize(): getattr(laporan, f.name)
        for f in LaporanKinerja._meta.fields
        if isinstance(f, models.TextField)
    }
    for a in analisis:
        teks[f"Analisis sasaran {a.sasaran.nomor}"] = a.teks
    return {label: isi for label, isi in teks.items() if isi and isi.strip()}


def periksa_narasi(
    *, laporan: LaporanKinerja, analisis: Iterable[_Analisis]
) -> list[tuple[str, list[str]]]:
    """(title, items) of each kind of finding, none when the texts agree."""
    teks = teks_narasi(laporan, analisis)
    tahun = [
        f"{label}: {j.kutipan} ({j.alasan})"
        for label, isi in teks.items()
        for j in periksa_tahun(isi, laporan.tahun)
    ]
    rujukan = [
        f"{r.jenis}: " + "; ".join(f"{sebutan} ({label.lower()})" for sebutan, label in r.sebutan)
        for r in periksa_rujukan(teks)
    ]
    return [(judul, isi) for judul, isi in [(JUDUL_TAHUN, tahun), (JUDUL_RUJUKAN, rujukan)] if isi]
