"""Reads of the Renstra pages: the plan as a tree, and what an indicator's edit reaches."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from kinerja.models import PerjanjianKinerja, StandarNasional
from organisasi.models import Organisasi
from renstra.models import IndikatorKinerja, Renstra, SasaranStrategis, TargetRenstra, Tujuan


def renstra_organisasi(organisasi: Organisasi) -> QuerySet[Renstra]:
    return Renstra.objects.filter(organisasi=organisasi).order_by("-tahun_mulai")


def renstra_lengkap(renstra: Renstra) -> dict:
    """Everything the Renstra page shows, in a fixed number of queries."""
    indikator = IndikatorKinerja.objects.select_related("skala", "unit_kerja", "pendahulu")
    return {
        "misi": list(renstra.misi.all()),
        "tujuan": list(Tujuan.objects.filter(renstra=renstra).prefetch_related("sasaran")),
        "sasaran": list(
            SasaranStrategis.objects.filter(renstra=renstra).prefetch_related(
                Prefetch("indikator", queryset=indikator)
            )
        ),
    }


def target_renstra(renstra: Renstra) -> dict[tuple[int, int], TargetRenstra]:
    return {
        (t.indikator_id, t.tahun): t
        for t in TargetRenstra.objects.filter(indikator__sasaran__renstra=renstra).select_related(
            "tingkat"
        )
    }


def standar_nasional(indikator: IndikatorKinerja) -> list[StandarNasional]:
    return list(StandarNasional.objects.filter(indikator=indikator).select_related("tingkat"))


@dataclass(frozen=True)
class DampakUbah:
    """What renaming an indicator reaches: signed agreements keep their frozen text; the
    reports of those years show the new name unless they are final."""

    perjanjian: list[PerjanjianKinerja]
    tahun: list[int]
    laporan_final: int

    @property
    def laporan_belum_final(self) -> int:
        return len(self.tahun) - self.laporan_final


def dampak_ubah_indikator(indikator: IndikatorKinerja) -> DampakUbah:
    perjanjian = list(
        PerjanjianKinerja.objects.filter(
            target__indikator=indikator, status__in=PerjanjianKinerja.STATUS_TERKUNCI
        )
        .select_related("unit_kerja")
        .distinct()
        .order_by("tahun", "unit_kerja__nama", "versi")
    )
    tahun = sorted({p.tahun for p in perjanjian})
    organisasi = indikator.sasaran.renstra.organisasi
    # Through the reverse relation: the report app sits above this one and is not imported.
    final = (
        organisasi.laporan_kinerja.filter(tahun__in=tahun, final__isnull=False)
        .values("tahun")
        .distinct()
        .count()
    )
    return DampakUbah(perjanjian=perjanjian, tahun=tahun, laporan_final=final)
