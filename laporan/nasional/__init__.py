"""Synthetic national data for scale tests: KPU RI, KPU Provinsi and KPU Kabupaten/Kota in
the real proportions (wilayah), their structure from the kab/kota template (struktur) and
each year's targets, agreements, budgets and realisasi (tahunan), all in bulk.

Every organisation it writes is marked `sintetis`, and it refuses a database holding real
satker other than the reference one (kpu-bengkulu-utara) unless forced: synthetic rows are
never to be mixed with real ones by accident.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from inti.galat import Ditolak
from laporan.nasional import struktur, tahunan
from laporan.nasional.wilayah import JUMLAH_NASIONAL, rencana
from laporan.satker import templat_baca
from organisasi.models import Organisasi

TEMPLAT = "kpu-kabkota"
SLUG_REFERENSI = "kpu-bengkulu-utara"


@dataclass
class HasilNasional:
    satker: Counter[str] = field(default_factory=Counter)
    baris: Counter[str] = field(default_factory=Counter)


def _periksa(*, jumlah: int, tahun: tuple[int, int], paksa: bool) -> None:
    if jumlah < 2:
        raise Ditolak("Jumlah satker paling sedikit 2: KPU RI dan satu KPU Provinsi.")
    if not 2000 <= tahun[0] <= tahun[1] <= 2100:
        raise Ditolak(f"Rentang tahun {tahun[0]}-{tahun[1]} tidak sah (mis. 2020-2024).")
    if Organisasi.objects.filter(sintetis=True).exists():
        raise Ditolak("Basis data sudah memuat organisasi sintetis; pakai basis data yang bersih.")
    nyata = Organisasi.objects.filter(sintetis=False).exclude(slug=SLUG_REFERENSI)
    if not paksa and nyata.exists():
        contoh = ", ".join(nyata.order_by("slug").values_list("slug", flat=True)[:3])
        raise Ditolak(
            f"Basis data memuat satker nyata ({contoh}, ...): data sintetis tidak dicampur "
            "dengan data nyata. Pakai basis data lain, atau --force bila memang disengaja."
        )


@transaction.atomic
def data_nasional_buat(
    *, jumlah: int, tahun: tuple[int, int] = (2020, 2024), seed: int = 0, paksa: bool = False
) -> HasilNasional:
    """Up to `jumlah` synthetic satker (553: the whole KPU) with every year of `tahun`.
    The same seed gives the same data; nothing is written when it refuses."""
    _periksa(jumlah=jumlah, tahun=tahun, paksa=paksa)
    rng = random.Random(seed)
    templat = templat_baca(TEMPLAT)
    semua = struktur.organisasi_buat(rencana(min(jumlah, JUMLAH_NASIONAL)), templat)
    struktur.unit_buat(semua, templat)
    struktur.pejabat_buat(semua, rng, mulai=date(tahun[0], 1, 1))
    skala = struktur.skala_ordinal_pastikan(templat)
    struktur.renstra_buat(semua, templat, skala, tahun)
    struktur.program_buat(semua, templat)
    hasil = HasilNasional(satker=Counter(s.tingkat for s in semua))
    for t in range(tahun[0], tahun[1] + 1):
        hasil.baris.update(
            tahunan.tahun_buat(semua, t, terakhir=t == tahun[1], rng=rng, skala=skala)
        )
    return hasil
