"""What the public may read of an organisation: finalised and published LAKIPs, signed
agreements, the Renstra, and (once the evaluasi app exists) the latest completed LKE result.
Drafts, reopened versions and unsigned agreements never appear. Fixed queries."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from evaluasi.selectors import evaluasi_selesai_terakhir
from inti.angka import format_angka
from kinerja.models import PerjanjianKinerja
from laporan.models import LaporanFinal
from organisasi.models import Organisasi
from renstra.models import Renstra


@dataclass(frozen=True)
class LkePublik:
    tahun: int
    nilai: str  # "70,70"
    predikat: str


@dataclass(frozen=True)
class DokumenPublik:
    organisasi: Organisasi
    laporan: list[LaporanFinal]
    perjanjian: list[PerjanjianKinerja]
    renstra: list[Renstra]
    lke: LkePublik | None


def _final_terbit() -> QuerySet[LaporanFinal]:
    """Finals in force (not reopened) that were published."""
    return LaporanFinal.objects.filter(dibuka_pada__isnull=True, dipublikasikan_pada__isnull=False)


def _jumlah(qs: QuerySet[Any], kolom: str) -> Subquery:
    return Subquery(
        qs.order_by().values(kolom).annotate(n=Count("pk"), m=Max("pk")).values("m")[:1],
        output_field=IntegerField(),
    )


def organisasi_publik(slug: str) -> tuple[Organisasi, str]:
    """The organisation and a stamp of what its public page shows (one query): the stamp
    changes when a report is finalised, published or reopened, or an agreement is signed,
    so it is part of the page's cache key."""
    try:
        org = (
            Organisasi.objects.filter(slug=slug)
            .annotate(
                final_terakhir=_jumlah(
                    _final_terbit().filter(laporan__organisasi=OuterRef("pk")),
                    "laporan__organisasi",
                ),
                final_dibuka=Subquery(
                    LaporanFinal.objects.filter(laporan__organisasi=OuterRef("pk"))
                    .order_by()
                    .values("laporan__organisasi")
                    .annotate(n=Count("dibuka_pada"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                pk_terakhir=_jumlah(
                    PerjanjianKinerja.objects.filter(
                        organisasi=OuterRef("pk"), status=PerjanjianKinerja.Status.DITANDATANGANI
                    ),
                    "organisasi",
                ),
                pk_jumlah=Subquery(
                    PerjanjianKinerja.objects.filter(
                        organisasi=OuterRef("pk"), status=PerjanjianKinerja.Status.DITANDATANGANI
                    )
                    .order_by()
                    .values("organisasi")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
            )
            .get()
        )
    except Organisasi.DoesNotExist:
        raise Http404 from None
    stempel = "-".join(
        str(getattr(org, a) or 0)
        for a in ("final_terakhir", "final_dibuka", "pk_terakhir", "pk_jumlah")
    )
    return org, stempel


def hasil_lke_terakhir(organisasi: Organisasi) -> LkePublik | None:
    """The latest evaluation the evaluator completed (self-assessments are never public)."""
    hasil = evaluasi_selesai_terakhir(organisasi=organisasi, tahun=timezone.localdate().year)
    if hasil is None:
        return None
    return LkePublik(hasil.evaluasi.tahun, format_angka(hasil.hasil.total, 2), hasil.hasil.predikat)


def dokumen_publik(organisasi: Organisasi) -> DokumenPublik:
    """Three queries, whatever the number of documents."""
    laporan = list(
        _final_terbit()
        .filter(laporan__organisasi=organisasi)
        .select_related("laporan")
        .order_by("-laporan__tahun")
    )
    perjanjian = list(
        PerjanjianKinerja.objects.filter(
            organisasi=organisasi, status=PerjanjianKinerja.Status.DITANDATANGANI
        )
        .select_related("unit_kerja")
        .order_by("-tahun", "unit_kerja__urutan", "unit_kerja__pk", "versi")
    )
    renstra = list(Renstra.objects.filter(organisasi=organisasi).order_by("-tahun_mulai"))
    return DokumenPublik(organisasi, laporan, perjanjian, renstra, hasil_lke_terakhir(organisasi))


def final_terbit(*, organisasi: Organisasi, tahun: int) -> LaporanFinal | None:
    """The year's published final in force, if any (one query)."""
    return (
        _final_terbit()
        .filter(laporan__organisasi=organisasi, laporan__tahun=tahun)
        .select_related("laporan")
        .first()
    )
