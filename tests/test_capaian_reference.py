"""The capaian table of the 2024 reference year, worked out from the engine's rules
(not from the document's printed capaian column, which rounds and mislabels)."""

from decimal import Decimal

import pytest

from inti.capaian import Status
from kinerja.capaian import capaian_realisasi, tabel_capaian
from kinerja.models import PerjanjianKinerja, Realisasi
from renstra.models import IndikatorKinerja, SasaranStrategis
from tests.pembuat import sahkan, sepuluh_kali_indikator

pytestmark = pytest.mark.django_db

B, CB, KB = "Berhasil", "Cukup Berhasil", "Kurang Berhasil"

# Tabel 9 in order: (capaian, category). Targets are 100 % (BB, WTP, 80 for sasaran 4).
TABEL_9 = [
    ("96.70", B), ("85.58", CB), ("99.42", B), ("87.22", CB), ("85.51", CB),
    ("100.00", B),
    ("100.00", B), ("99.87", B), ("99.85", B), ("97.10", B),
    ("100.00", B),  # BB against BB: rank 5 / 5
    ("100.00", B),  # WTP against WTP: rank 4 / 4
    (None, None),  # reform score: no realisasi printed
    ("100.00", B), ("100.00", B), ("100.00", B), ("97.70", B), ("100.00", B),
    ("86.76", CB), ("90.00", CB), ("100.00", B), ("86.57", CB), ("73.10", CB),
    ("88.24", CB), ("67.13", KB), ("90.00", CB),
    ("100.00", B), ("90.00", CB),
    ("99.98", B), ("95.26", B), ("99.98", B), ("97.76", B),
    ("100.00", B), ("100.00", B), ("97.00", B),
]  # fmt: skip


def test_it_computes_every_indicator_of_tabel_9(org):
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    assert tabel.perjanjian.versi == 2
    hasil = [
        (str(b.persen) if b.persen is not None else None, b.kategori.nama if b.kategori else None)
        for b in tabel.baris
    ]
    assert hasil == TABEL_9


def test_it_counts_categories_overall_and_per_sasaran(org):
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    assert tabel.jumlah_indikator == 35
    assert tabel.ringkasan == {
        "Sangat Berhasil": 0,
        "Berhasil": 23,
        "Cukup Berhasil": 10,
        "Kurang Berhasil": 1,
        "Tidak Berhasil": 0,
        "Belum ada realisasi": 1,
    }
    per_sasaran = {s.sasaran.nomor: s.ringkasan for s in tabel.sasaran}
    assert per_sasaran[6]["Cukup Berhasil"] == 6
    assert per_sasaran[6]["Kurang Berhasil"] == 1
    assert per_sasaran[4]["Belum ada realisasi"] == 1
    assert per_sasaran[4]["Tidak Berhasil"] == 0  # missing is never a failure


def test_it_never_counts_a_missing_realisasi_as_zero(org):
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    rb = next(b for b in tabel.baris if b.indikator.nama.startswith("Nilai evaluasi"))
    assert rb.hasil.status == Status.BELUM_ADA_REALISASI
    assert (rb.persen, rb.kategori) == (None, None)
    assert rb.target.angka == Decimal("80")


def test_it_compares_with_the_previous_year(org):
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    baris = {b.indikator.nama: b for b in tabel.baris}
    # Tabel 14: operational support 98 % in 2023 against 100 % (Renstra target 2023).
    operasional = baris["Persentase dukungan layanan operasional perkantoran"]
    assert operasional.realisasi_lalu.angka == Decimal("98")
    assert operasional.hasil_lalu.persen == Decimal("98.00")
    assert operasional.perubahan == Decimal("-0.90")
    # Tabel 30: BMN 99 % → 97 %.
    assert baris[
        "Persentase BMN yang dikelola sesuai dengan peraturan perundang-undangan"
    ].perubahan == Decimal("-2.00")
    # Predikat AKIP 2023: BB against the Renstra's B for 2023 → 5 / 4 = 125 %.
    akip = baris["Akuntabilitas kinerja KPU Kabupaten Bengkulu Utara berpredikat BB"]
    assert akip.hasil_lalu.persen == Decimal("125.00")
    # No 2023 value for the election indicators: no comparison, not a zero.
    pencalonan = baris["Persentase Kegiatan pencalonan"]
    assert pencalonan.hasil_lalu is None and pencalonan.perubahan is None


def test_it_compares_with_the_renstra_and_its_final_year(org):
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    sasaran_2 = next(s for s in tabel.sasaran if s.sasaran.nomor == 2)
    diklat = sasaran_2.baris[0]
    assert diklat.target_renstra.angka == Decimal("100")
    assert diklat.progres_akhir.persen == Decimal("100.00")
    # Tabel 13's outcome indicator, measured against the Renstra's target for 2024.
    (outcome,) = sasaran_2.outcome
    assert outcome.indikator.tingkat == IndikatorKinerja.Tingkat.SASARAN_PROGRAM
    assert (outcome.realisasi.angka, outcome.persen) == (Decimal("100"), Decimal("100.00"))
    sasaran_8 = next(s for s in tabel.sasaran if s.sasaran.nomor == 8)
    assert [(o.realisasi_lalu.angka, o.persen) for o in sasaran_8.outcome] == [
        (Decimal("97"), Decimal("98.00"))
    ]


def test_it_uses_only_verified_values_unless_asked(org):
    pencalonan = IndikatorKinerja.objects.get(nama="Persentase Kegiatan pencalonan")
    Realisasi.objects.filter(indikator=pencalonan, tahun=2024).update(
        status=Realisasi.Status.DIAJUKAN
    )
    baris = {b.indikator.pk: b for b in tabel_capaian(organisasi=org, tahun=2024).baris}
    assert baris[pencalonan.pk].hasil.status == Status.BELUM_ADA_REALISASI
    pratinjau = tabel_capaian(organisasi=org, tahun=2024, termasuk_belum_diverifikasi=True)
    baris = {b.indikator.pk: b for b in pratinjau.baris}
    assert baris[pencalonan.pk].persen == Decimal("67.13")
    assert baris[pencalonan.pk].belum_diverifikasi


def test_it_builds_the_year_from_quarters_when_no_yearly_value(org):
    indikator = IndikatorKinerja.objects.get(nama="Persentase Kegiatan Kampanye")
    Realisasi.objects.filter(indikator=indikator, tahun=2024).delete()
    for periode, nilai in [("tw1", "20"), ("tw2", "45"), ("tw3", "70")]:
        Realisasi.objects.create(
            indikator=indikator, tahun=2024, periode=periode, nilai=Decimal(nilai),
            status=Realisasi.Status.DIVERIFIKASI,
        )  # fmt: skip
    baris = {b.indikator.pk: b for b in tabel_capaian(organisasi=org, tahun=2024).baris}
    # "terakhir": the last quarter entered stands for the year.
    assert baris[indikator.pk].realisasi.angka == Decimal("70")
    assert baris[indikator.pk].kategori.nama == "Kurang Berhasil"
    IndikatorKinerja.objects.filter(pk=indikator.pk).update(agregasi="rata_rata")
    baris = {b.indikator.pk: b for b in tabel_capaian(organisasi=org, tahun=2024).baris}
    assert baris[indikator.pk].realisasi.angka == Decimal("45")
    assert baris[indikator.pk].kategori.nama == "Tidak Berhasil"


def test_it_uses_the_latest_signed_version(org):
    v3 = PerjanjianKinerja.objects.create(
        organisasi=org, tahun=2024, versi=3, tempat="Arga Makmur", tanggal="2024-06-01",
        pihak_pertama=PerjanjianKinerja.objects.get(unit_kerja=None, versi=2).pihak_pertama,
        pihak_kedua=PerjanjianKinerja.objects.get(unit_kerja=None, versi=2).pihak_kedua,
    )  # fmt: skip
    assert tabel_capaian(organisasi=org, tahun=2024).perjanjian.versi == 2  # v3 is a draft
    sahkan(v3)
    assert tabel_capaian(organisasi=org, tahun=2024).perjanjian.versi == 3


def test_it_reads_the_table_in_a_fixed_number_of_queries(org, django_assert_num_queries):
    # Nine: the eighth reads every year of the Renstra period, the ninth national standards.
    with django_assert_num_queries(9):
        tabel = tabel_capaian(organisasi=org, tahun=2024)
    assert tabel.jumlah_indikator == 35
    sepuluh_kali_indikator(org)
    with django_assert_num_queries(9):
        tabel = tabel_capaian(organisasi=org, tahun=2024)
    assert tabel.jumlah_indikator == 350
    assert tabel.ringkasan["Kurang Berhasil"] == 10


def test_it_shows_capaian_and_category_read_only_in_the_admin(org, admin_client):
    realisasi = Realisasi.objects.get(
        indikator__nama="Persentase Kegiatan pencalonan", tahun=2024, periode="tahunan"
    )
    response = admin_client.get(f"/admin/kinerja/realisasi/{realisasi.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "67,13\u00a0%" in html
    assert "Kurang Berhasil" in html
    assert 'name="capaian"' not in html  # read-only, not an input
    assert capaian_realisasi(realisasi)[1].nama == "Kurang Berhasil"


def test_it_keeps_sasaran_in_their_order(org):
    nomor = [s.sasaran.nomor for s in tabel_capaian(organisasi=org, tahun=2024).sasaran]
    assert nomor == list(SasaranStrategis.objects.values_list("nomor", flat=True))
