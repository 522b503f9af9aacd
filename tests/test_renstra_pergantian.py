"""A Renstra period change: 2025–2029 beside the reference 2020–2024. Past reports keep the
old plan; an indicator linked to its predecessor compares with 2024, an unlinked one says it
cannot be compared."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kinerja.capaian import tabel_capaian
from laporan import tabel_analisis
from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip
from laporan.tabel import Kode
from laporan.tahun_baru import tahun_baru_mulai
from renstra.models import IndikatorKinerja, Renstra, SasaranStrategis, TargetRenstra


@pytest.fixture
def renstra_baru(org) -> Renstra:
    """Renstra 2025–2029: one sasaran, an indicator carried over from 2020–2024 (linked to
    "s1-penyusunan-program", 96,7 % in 2024) and a new one, both targeted 100 in 2025."""
    renstra = Renstra.objects.create(
        organisasi=org, judul="Renstra 2025–2029", tahun_mulai=2025, tahun_selesai=2029, visi="-"
    )
    sasaran = SasaranStrategis.objects.create(
        renstra=renstra, nomor=1, nama="Terwujudnya perencanaan program dan anggaran"
    )
    lama = IndikatorKinerja.objects.get(
        sasaran__renstra__tahun_mulai=2020, kode="s1-penyusunan-program"
    )
    for urutan, (kode, nama, pendahulu) in enumerate(
        [
            ("penyusunan-program", lama.nama, lama),
            ("indeks-perencanaan", "Indeks kualitas perencanaan", None),
        ]
    ):
        ind = IndikatorKinerja(
            sasaran=sasaran, kode=kode, nama=nama, urutan=urutan, pendahulu=pendahulu
        )
        ind.full_clean()
        ind.save()
        TargetRenstra.objects.create(indikator=ind, tahun=2025, nilai=Decimal("100"))
    return renstra


@pytest.mark.django_db
def test_it_keeps_the_old_renstra_for_the_2024_report(org, renstra_baru):
    data = data_lakip(organisasi=org, tahun=2024)

    assert (data.renstra.tahun_mulai, data.renstra.tahun_selesai) == (2020, 2024)
    assert data.tahun_renstra == [2020, 2021, 2022, 2023, 2024]
    assert not any(b.tidak_dapat_dibandingkan for b in data.capaian.baris)
    assert tabel_capaian(organisasi=org, tahun=2025).renstra == renstra_baru


@pytest.mark.django_db
def test_it_compares_a_linked_indicator_across_the_change(org, admin_org, renstra_baru):
    # The organisation's 2025 draft comes from the new Renstra's targets.
    hasil = tahun_baru_mulai(organisasi=org, tahun=2025, oleh=admin_org)
    organisasi = next(p for p in hasil.perjanjian if p.unit_kerja is None)
    assert [t.indikator.kode for t in organisasi.target.order_by("urutan")] == [
        "penyusunan-program",
        "indeks-perencanaan",
    ]

    data = data_lakip(organisasi=org, tahun=2025)
    (analisis,) = data.analisis
    terkait, baru = analisis.baris_lalu
    assert analisis.tahun_riwayat == [2024, 2025]
    assert terkait.riwayat[2024].angka == Decimal("96.7")
    assert terkait.realisasi_lalu.angka == Decimal("96.7")
    assert terkait.target_lalu.angka == Decimal("100")
    assert not terkait.tidak_dapat_dibandingkan
    assert baru.tidak_dapat_dibandingkan
    assert baru.riwayat == {}

    html = susun_dokumen(data).html
    bagian = html[html.index('id="tabel-s1-lalu"') :]
    bagian = bagian[: bagian.index("</table>")]
    terkait_html, baru_html = bagian.split("</tr>")[2:4]
    assert '<td class="angka">96,7\u00a0%</td>' in terkait_html
    assert "tidak dapat dibandingkan" not in terkait_html
    assert "tidak dapat dibandingkan" in baru_html
    # The same table in the spreadsheet: one definition (laporan.tabel_analisis) for both.
    (xlsx,) = tabel_analisis.lalu(data, 1)
    assert xlsx.judul == "Realisasi Tahun 2024–2025, Sasaran Strategis 1"
    assert xlsx.baris[1].sel[-1] == Kode("tidak dapat dibandingkan")


@pytest.mark.django_db
def test_it_refuses_a_predecessor_from_the_same_or_a_later_period(org, renstra_baru):
    baru = IndikatorKinerja.objects.get(sasaran__renstra=renstra_baru, kode="indeks-perencanaan")
    lama = IndikatorKinerja.objects.get(sasaran__renstra__tahun_mulai=2020, kode="s1-diklat-teknis")
    lama.pendahulu = baru
    with pytest.raises(ValidationError, match="Renstra periode sebelumnya"):
        lama.full_clean()
