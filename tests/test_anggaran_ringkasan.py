"""The budget summary per program (anggaran.selectors): one implementation for LAKIP and Beranda."""

from decimal import Decimal

import pytest

from anggaran.models import AnggaranKegiatan, RealisasiProgram
from anggaran.selectors import realisasi_anggaran
from inti.capaian import SKALA_EFEKTIVITAS_BAKU
from kinerja.capaian import renstra_tahun, skala_renstra

pytestmark = pytest.mark.django_db


def _ringkasan(org):
    skala = skala_renstra(renstra_tahun(organisasi=org, tahun=2024), "anggaran")
    return realisasi_anggaran(organisasi=org, tahun=2024, skala=skala)


def test_it_sums_pagu_and_realisasi_per_program_of_the_reference_year(org):
    r = _ringkasan(org)
    assert [
        (p.program.kode, p.pagu, p.realisasi, p.serapan, p.kategori.nama, len(p.kegiatan))
        for p in r.program
    ] == [
        ("CQ", Decimal(54559031000), Decimal(49792963636), Decimal("91.26"), "Cukup Efektif", 8),
        ("WA", Decimal(2928042000), Decimal(2848973746), Decimal("97.30"), "Cukup Efektif", 2),
    ]
    # 52.641.937.382 / 57.487.073.000 = 91,5718…
    assert (r.pagu, r.realisasi, r.serapan, r.kategori.nama, r.lengkap) == (
        Decimal(57487073000),
        Decimal(52641937382),
        Decimal("91.57"),
        "Cukup Efektif",
        True,
    )


def test_it_falls_back_to_the_sum_of_the_kegiatan_when_the_program_reported_none(org):
    RealisasiProgram.objects.filter(program__kode="WA").delete()
    AnggaranKegiatan.objects.filter(kegiatan__kode="WA.3355").update(realisasi=2700000000)
    AnggaranKegiatan.objects.filter(kegiatan__kode="WA.3360").update(realisasi=163362000)
    wa = _ringkasan(org).program[1]
    # (2.700.000.000 + 163.362.000) / 2.928.042.000 = 97,7909…
    assert (wa.realisasi, wa.serapan) == (Decimal(2863362000), Decimal("97.79"))


def test_it_leaves_a_program_without_any_realisasi_unmeasured(org):
    RealisasiProgram.objects.filter(program__kode="WA").delete()
    r = _ringkasan(org)
    wa = r.program[1]
    assert (wa.realisasi, wa.serapan, wa.kategori) == (None, None, None)
    assert [p.program.kode for p in r.program_tanpa_realisasi] == ["WA"]
    # The total counts what is known and says it is incomplete.
    assert (r.realisasi, r.lengkap) == (Decimal(49792963636), False)


def test_it_classifies_on_the_scale_it_is_given(org):
    r = realisasi_anggaran(organisasi=org, tahun=2024, skala=SKALA_EFEKTIVITAS_BAKU)
    assert r.kategori.nama == "Cukup Efektif"


def test_it_runs_four_queries(org, django_assert_num_queries):
    with django_assert_num_queries(4):
        realisasi_anggaran(organisasi=org, tahun=2024, skala=SKALA_EFEKTIVITAS_BAKU)
