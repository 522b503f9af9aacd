"""buat_data_nasional: a synthetic KPU in the real proportions, marked and kept apart from
real satker, the same for a seed; the monitoring of a generated province checked against
figures computed here from the generated rows; its LAKIP batch run eagerly."""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Sum

from anggaran.models import AnggaranKegiatan
from kinerja.models import PERIODE_TRIWULAN, PerjanjianKinerja, Realisasi, TargetKinerja
from laporan import tasks
from laporan.cetak import batch_buat
from laporan.models import BatchLakip, StatusCetak
from laporan.nasional.wilayah import JUMLAH_NASIONAL, PROVINSI, susunan
from organisasi.models import Organisasi, Pejabat, Pengguna
from tests.pembuat import final_berubah, pengguna

pytestmark = pytest.mark.django_db

PROV = "sintetis-kpu-provinsi-aceh"
SERATUS = Decimal(100)


def _buat(*args: str) -> str:
    from io import StringIO

    keluar = StringIO()
    call_command("buat_data_nasional", *args, stdout=keluar)
    return keluar.getvalue()


def _dua(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_it_keeps_the_real_proportions():
    assert JUMLAH_NASIONAL == 553
    assert len(PROVINSI) == 38
    assert sum(k for _, _, k in susunan(553)) == 514
    assert susunan(5) == [("Aceh", "Banda Aceh", 3)]
    sebagian = susunan(100)
    assert len(sebagian) == 7 and 1 + 7 + sum(k for _, _, k in sebagian) == 100


def test_it_builds_ri_provinces_and_kabkota_marked_synthetic():
    keluar = _buat("--satker", "5", "--tahun", "2023-2024", "--seed", "3")

    assert "5 satker sintetis (1 KPU RI, 1 provinsi, 3 kabupaten/kota)" in keluar
    ri = Organisasi.objects.get(slug="sintetis-kpu-ri", induk=None)
    prov = Organisasi.objects.get(induk=ri)
    assert (prov.slug, prov.nama, prov.kota) == (
        PROV,
        "Komisi Pemilihan Umum Provinsi Aceh",
        "Banda Aceh",
    )
    kab = list(Organisasi.objects.filter(induk=prov).order_by("slug"))
    assert [o.nama_singkat for o in kab] == [f"KPU Kabupaten Sintetis Aceh 0{n}" for n in (1, 2, 3)]
    assert Organisasi.objects.filter(sintetis=True).count() == 5
    assert list(Organisasi.objects.filter(sintetis=False).values_list("slug", flat=True)) == [
        "kpu-bengkulu-utara"
    ]
    # The template's structure, and two signed agreements per satker (one a year).
    assert kab[0].unit.count() == 5 and kab[0].renstra.get().tahun_mulai == 2023
    assert Pejabat.objects.filter(organisasi=kab[0]).count() == 2
    assert (
        PerjanjianKinerja.objects.filter(
            organisasi__sintetis=True, status=PerjanjianKinerja.Status.DITANDATANGANI
        ).count()
        == 10
    )


def test_it_refuses_a_database_with_real_satker_unless_forced(org_lain):
    with pytest.raises(CommandError, match="kpu-lebong"):
        _buat("--satker", "3", "--tahun", "2024")
    assert not Organisasi.objects.filter(sintetis=True).exists()

    _buat("--satker", "3", "--tahun", "2024", "--force")
    assert Organisasi.objects.filter(sintetis=True).count() == 3
    with pytest.raises(CommandError, match="sudah memuat organisasi sintetis"):
        _buat("--satker", "3", "--tahun", "2024", "--force")


def _potret() -> list[tuple]:
    realisasi = Realisasi.objects.filter(indikator__sasaran__renstra__organisasi__sintetis=True)
    return sorted(
        realisasi.values_list(
            "indikator__sasaran__renstra__organisasi__slug",
            "indikator__kode",
            "tahun",
            "periode",
            "nilai",
            "tingkat__kode",
            "status",
        )  # fmt: skip
    ) + sorted(
        AnggaranKegiatan.objects.filter(kegiatan__program__organisasi__sintetis=True).values_list(
            "kegiatan__program__organisasi__slug", "kegiatan__kode", "tahun", "pagu", "realisasi"
        )
    )


def _potret_dari(seed: int) -> list[tuple]:
    with transaction.atomic():
        _buat("--satker", "4", "--tahun", "2024", "--seed", str(seed))
        potret = _potret()
        transaction.set_rollback(True)
    return potret


def test_it_gives_the_same_data_for_a_seed():
    pertama = _potret_dari(7)
    assert len(pertama) > 500
    assert _potret_dari(7) == pertama
    assert _potret_dari(8) != pertama


def _capaian(t: TargetKinerja, realisasi: list[Realisasi]) -> Decimal | None:
    """The last verified quarter against the agreement's target, as the engine should."""
    terakhir = None
    for r in sorted(realisasi, key=lambda r: PERIODE_TRIWULAN.index(r.periode)):
        if r.status == Realisasi.Status.DIVERIFIKASI:
            terakhir = r
    if terakhir is None:
        return None
    if t.tingkat_id:
        return _dua(Decimal(terakhir.tingkat.peringkat) * SERATUS / t.tingkat.peringkat)
    return _dua(terakhir.nilai * SERATUS / t.nilai)


def _diharapkan(o: Organisasi) -> dict:
    """One kab/kota's monitoring figures, from its generated rows."""
    target = list(
        TargetKinerja.objects.filter(
            perjanjian__organisasi=o, perjanjian__tahun=2024
        ).select_related("tingkat")
    )
    isian = list(
        Realisasi.objects.filter(indikator__in=[t.indikator_id for t in target], tahun=2024)
        .exclude(periode="tahunan")
        .select_related("tingkat")
    )
    persen = [
        p
        for t in target
        if (p := _capaian(t, [r for r in isian if r.indikator_id == t.indikator_id])) is not None
    ]
    anggaran = AnggaranKegiatan.objects.filter(kegiatan__program__organisasi=o, tahun=2024)
    pagu = anggaran.aggregate(s=Sum("pagu"))["s"]
    realisasi = anggaran.exclude(realisasi=None).aggregate(s=Sum("realisasi"))["s"]
    return {
        "terisi": [sum(r.periode == p for r in isian) for p in PERIODE_TRIWULAN],
        "diverifikasi": [
            sum(r.periode == p and r.status == Realisasi.Status.DIVERIFIKASI for r in isian)
            for p in PERIODE_TRIWULAN
        ],
        "diharapkan": [len(target)] * 4,
        "rata": _dua(sum(persen, Decimal(0)) / len(persen)),
        "pagu": pagu,
        "serapan": _dua(realisasi * SERATUS / pagu),
        "di_bawah_target": sum(p < SERATUS for p in persen),
    }


def test_it_shows_a_generated_province_as_computed_from_its_rows(client):
    _buat("--satker", "5", "--tahun", "2024", "--seed", "11")
    prov = Organisasi.objects.get(slug=PROV)
    admin = pengguna("admin-aceh", organisasi=prov, peran=Pengguna.Peran.ADMIN)
    client.force_login(admin)

    baris = client.get(f"/pantau/{PROV}/2024/").context["baris"]

    assert len(baris) == 3
    for b in baris:
        harus = _diharapkan(b.organisasi)
        assert [t.terisi for t in b.triwulan] == harus["terisi"]
        assert [t.diverifikasi for t in b.triwulan] == harus["diverifikasi"]
        assert [t.diharapkan for t in b.triwulan] == harus["diharapkan"] == [37] * 4
        assert b.rata_capaian == harus["rata"]
        assert (b.pagu, b.serapan) == (harus["pagu"], harus["serapan"])
        assert b.ditandatangani
    # Plausible data: entries missing late in the year, indicators below target.
    semua = [_diharapkan(b.organisasi) for b in baris]
    assert any(h["terisi"][3] < h["diharapkan"][3] for h in semua)
    assert all(h["di_bawah_target"] > 0 for h in semua)


def test_it_renders_the_batch_of_a_generated_province_eagerly():
    _buat("--satker", "4", "--tahun", "2024")
    prov = Organisasi.objects.get(slug=PROV)
    gagal = Organisasi.objects.filter(induk=prov).order_by("slug").last()
    final_berubah(gagal)
    admin = pengguna("admin-aceh", organisasi=prov, peran=Pengguna.Peran.ADMIN)

    batch = batch_buat(organisasi=prov, tahun=2024, oleh=admin)
    tasks.cetak_batch_sebar.delay(batch.pk)

    status = Counter(BatchLakip.objects.get().item.values_list("status", flat=True))
    assert status == {StatusCetak.SELESAI: 1, StatusCetak.GAGAL: 1}
    assert BatchLakip.objects.get().item.get(organisasi=gagal).galat
