"""The cached LAKIP PDF found from the versions of the report's data, without assembling it.

Assembling the report (its data and the rendered HTML, whose hash names the cached PDF) costs
a fixed number of queries and a template pass. The database keeps a counter per organisation
and year that its triggers bump on every write to what the report reads
(laporan.models.VersiLaporan); a report's "version key" hashes those counters together with
what else shapes the document: the mode, the site address in its QR codes, the WeasyPrint
version and the code and templates that draw it. TembolokLakip remembers which document's
cache key the last render of a report had under which version key, so an unchanged report is
answered with two queries and a read of the stored file.

The version key is taken before the report's data are read: a write that lands while the
report is assembled leaves the render recorded under the older key, which no later request
computes again.
"""

import hashlib
from functools import cache
from pathlib import Path

import weasyprint
from django.conf import settings
from django.db.models import Q

from laporan.models import TembolokLakip, VersiLaporan
from organisasi.models import Organisasi

# What draws the document, besides the data: Python code, templates, stylesheets, pictures.
_JENIS_KODE = {".py", ".html", ".css", ".svg", ".png", ".jpg"}
_BUKAN_KODE = {"tests", "migrations", "__pycache__"}


@cache
def versi_kode() -> str:
    """SHA-256 of the project's own code, templates and static files, once per process: a
    deploy that changes any of them misses every recorded report."""
    akar = Path(settings.BASE_DIR)
    folder = [
        d
        for d in sorted(akar.iterdir())
        if d.is_dir() and ((d / "__init__.py").exists() or d.name in ("templates", "static"))
    ]
    h = hashlib.sha256()
    for d in folder:
        for berkas in sorted(d.rglob("*")):
            bagian = set(berkas.relative_to(akar).parts)
            if berkas.suffix in _JENIS_KODE and berkas.is_file() and not bagian & _BUKAN_KODE:
                h.update(str(berkas.relative_to(akar)).encode() + b"\0" + berkas.read_bytes())
    return h.hexdigest()


def kunci_versi(*, organisasi: Organisasi, tahun: int, pratinjau: bool) -> str:
    """The version key of a report: its organisation's counters of every year up to `tahun`
    (year 0 being "every year") and the shared counter, and what else shapes the document.
    One query."""
    versi = list(
        VersiLaporan.objects.filter(
            Q(organisasi=organisasi.pk, tahun__lte=tahun) | Q(organisasi=0, tahun=0)
        )
        .order_by("organisasi", "tahun")
        .values_list("organisasi", "tahun", "versi")
    )
    isi = f"{versi}|{pratinjau}|{settings.SITE_URL}|{weasyprint.__version__}|{versi_kode()}"
    return hashlib.sha256(isi.encode()).hexdigest()


def kunci_cache_tercatat(
    *, organisasi: Organisasi, tahun: int, pratinjau: bool, kunci_versi: str
) -> str | None:
    """The cache key of the document last rendered under this version key, or None."""
    return (
        TembolokLakip.objects.filter(
            organisasi=organisasi, tahun=tahun, pratinjau=pratinjau, kunci_versi=kunci_versi
        )
        .values_list("kunci_cache", flat=True)
        .first()
    )


def catat(
    *, organisasi: Organisasi, tahun: int, pratinjau: bool, kunci_versi: str, kunci_cache: str
) -> None:
    """Remember that the report, under this version key, is the document of this cache key."""
    TembolokLakip.objects.update_or_create(
        organisasi=organisasi,
        tahun=tahun,
        pratinjau=pratinjau,
        defaults={"kunci_versi": kunci_versi, "kunci_cache": kunci_cache},
    )


__all__ = ["catat", "kunci_cache_tercatat", "kunci_versi", "versi_kode"]
