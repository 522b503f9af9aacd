"""The entry form: one row per indicator of the unit, typed numbers, all rows or none."""

from decimal import Decimal

import pytest

from kinerja.models import PerjanjianKinerja, Realisasi
from tests.isian import data_formulir, isi, prefix, url
from tests.pembuat import sepuluh_kali_indikator_keuangan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]

KEUANGAN = [
    "s3-sarana-transportasi",
    "s3-sarana-ti",
    "s3-operasional-perkantoran",
    "s8-penyiapan-logistik",
    "s8-barang-jasa",
    "s8-dokumentasi-logistik",
    "s8-distribusi-logistik",
    "s9-gaji-tunjangan",
    "s9-laporan-keuangan",
    "s9-bmn",
    # outcome-level indicators of the unit, measured against the Renstra
    "s3-outcome-sarana-prasarana",
    "s8-outcome-distribusi-logistik",
]


def _realisasi(kode: str, periode: str = "tw1", tahun: int = 2024) -> Realisasi:
    return Realisasi.objects.get(indikator__kode=kode, tahun=tahun, periode=periode)


def test_it_shows_one_row_per_indicator_of_the_unit_with_its_target(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    respons = client.get(url())
    assert respons.status_code == 200
    baris = respons.context["formulir"].baris
    assert [b.indikator.kode for b in baris] == KEUANGAN
    assert [b.outcome for b in baris] == [False] * 10 + [True, True]
    assert {b.target.angka for b in baris} == {Decimal("100")}
    html = respons.content.decode()
    assert "Realisasi Triwulan I 2024" in html
    assert 'inputmode="decimal"' in html
    assert 'for="id_' + prefix("s3-sarana-ti") + '-nilai"' in html  # every field has a label


def test_it_reads_numbers_as_people_type_them(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = data_formulir(org)
    isi(data, "s3-sarana-ti", nilai="96, 7 %", kendala="Jaringan putus", tindak_lanjut="Ganti")
    isi(data, "s9-bmn", nilai="99.42")
    isi(data, "s8-barang-jasa", nilai="85,58")
    respons = client.post(url(), data)
    assert respons.status_code == 302
    ti = _realisasi("s3-sarana-ti")
    assert ti.nilai == Decimal("96.7")
    assert (ti.kendala, ti.tindak_lanjut) == ("Jaringan putus", "Ganti")
    assert ti.status == Realisasi.Status.DRAF
    assert ti.versi == 1
    assert ti.diubah_oleh == staf_keuangan
    assert _realisasi("s9-bmn").nilai == Decimal("99.42")
    assert _realisasi("s8-barang-jasa").nilai == Decimal("85.58")
    assert Realisasi.objects.filter(tahun=2024, periode="tw1").count() == 3


def test_it_shows_capaian_and_category_right_after_saving(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s3-sarana-ti", nilai="85,5")
    respons = client.post(url(), data, follow=True)
    html = respons.content.decode()
    assert "Tersimpan: 1 nilai baru, 0 nilai diubah, 0 bukti dukung." in html
    baris = {b.indikator.kode: b for b in respons.context["formulir"].baris}
    assert baris["s3-sarana-ti"].hasil.persen == Decimal("85.50")
    assert baris["s3-sarana-ti"].kategori.nama == "Cukup Berhasil"
    assert "85,50\u00a0%" in html
    # the input shows the stored value again, the Indonesian way
    assert f'name="{prefix("s3-sarana-ti")}-nilai" value="85,5"' in html


def test_it_saves_all_rows_or_none_and_keeps_every_input(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = data_formulir(org)
    isi(data, "s3-sarana-ti", nilai="96,7", kendala="Kendala yang ditulis panjang")
    isi(data, "s9-bmn", nilai="sembilan puluh")
    respons = client.post(url(), data)
    assert respons.status_code == 400
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()
    html = respons.content.decode()
    assert "Tidak ada yang disimpan: perbaiki isian yang ditandai merah." in html
    assert "&quot;sembilan puluh&quot; bukan angka" in html
    assert f'name="{prefix("s3-sarana-ti")}-nilai" value="96,7"' in html
    assert "Kendala yang ditulis panjang" in html
    assert f'name="{prefix("s9-bmn")}-nilai" value="sembilan puluh"' in html


@pytest.mark.parametrize(
    ("ketik", "pesan"),
    [
        ("-5", "Persentase tidak boleh negatif."),
        ("96,7,1", "koma desimal hanya boleh satu"),
        ("1,23456", "Paling banyak 4 angka di belakang koma."),
    ],
)
def test_it_refuses_bad_numbers_with_a_clear_message(client, org, staf_keuangan, ketik, pesan):
    client.force_login(staf_keuangan)
    respons = client.post(url(), isi(data_formulir(org), "s9-bmn", nilai=ketik))
    assert respons.status_code == 400
    assert pesan in respons.content.decode()
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()


def test_it_accepts_a_value_above_ten_times_the_target_only_after_confirmation(
    client, org, staf_keuangan
):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="1.000,5")
    respons = client.post(url(), data)
    assert respons.status_code == 400
    html = respons.content.decode()
    assert "Nilai ini lebih dari sepuluh kali target (100\u00a0%)." in html
    assert f'name="{prefix("s9-bmn")}-konfirmasi"' in html
    assert not Realisasi.objects.filter(tahun=2024, periode="tw1").exists()

    # exactly ten times the target needs no confirmation
    assert client.post(url(), isi(data, "s8-barang-jasa", nilai="1000")).status_code == 400
    data[f"{prefix('s9-bmn')}-konfirmasi"] = "on"
    assert client.post(url(), data).status_code == 302
    assert _realisasi("s9-bmn").nilai == Decimal("1000.5")
    assert _realisasi("s8-barang-jasa").nilai == Decimal("1000")


def test_it_offers_the_levels_of_an_ordinal_scale(client, org, admin_org):
    client.force_login(admin_org)
    respons = client.get(url("perencanaan"))
    html = respons.content.decode()
    assert f'<select name="{prefix("s4-predikat-akip")}-tingkat"' in html
    assert "BB — BB" in html
    assert "WTP — Wajar Tanpa Pengecualian" in html
    data = isi(data_formulir(org, "perencanaan"), "s4-predikat-akip", tingkat="A")
    isi(data, "s4-nilai-rb", nilai="78,5")
    respons = client.post(url("perencanaan"), data, follow=True)
    assert _realisasi("s4-predikat-akip").tingkat.kode == "A"
    assert _realisasi("s4-nilai-rb").nilai == Decimal("78.5")
    baris = {b.indikator.kode: b for b in respons.context["formulir"].baris}
    # rank A (6) against BB (5); 78,5 against 80
    assert baris["s4-predikat-akip"].hasil.persen == Decimal("120.00")
    assert baris["s4-nilai-rb"].hasil.persen == Decimal("98.13")


def test_it_does_not_let_a_saved_value_be_emptied(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"))
    respons = client.post(url(), isi(data_formulir(org), "s9-bmn", nilai=""))
    assert respons.status_code == 400
    assert (
        "Realisasi yang sudah tersimpan tidak dapat dikosongkan di sini" in respons.content.decode()
    )
    assert _realisasi("s9-bmn").nilai == Decimal("90")


def test_it_wants_a_value_before_kendala(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    respons = client.post(url(), isi(data_formulir(org), "s9-bmn", kendala="Belum ada data"))
    assert respons.status_code == 400
    assert "Isi realisasi lebih dulu" in respons.content.decode()


def test_it_changes_nothing_when_nothing_changed(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"))
    respons = client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90,00"), follow=True)
    assert "Tidak ada perubahan." in respons.content.decode()
    assert _realisasi("s9-bmn").versi == 1
    assert _realisasi("s9-bmn").history.count() == 1


def test_it_shows_the_values_of_earlier_quarters(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    client.post(url(periode="tw1"), isi(data_formulir(org), "s9-bmn", nilai="40"))
    client.post(url(periode="tw2"), isi(data_formulir(org, periode="tw2"), "s9-bmn", nilai="70,25"))
    respons = client.get(url(periode="tw3"))
    baris = {b.indikator.kode: b for b in respons.context["formulir"].baris}
    assert [(p.value, r.nilai) for p, r in baris["s9-bmn"].sebelumnya] == [
        ("tw1", Decimal("40")),
        ("tw2", Decimal("70.25")),
    ]
    assert "Triwulan II: <strong>70,25\u00a0%</strong>" in respons.content.decode()


def test_it_shows_verified_reference_values_read_only(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    respons = client.get(url(periode="tahunan"))
    html = respons.content.decode()
    baris = {b.indikator.kode: b for b in respons.context["formulir"].baris}
    assert baris["s3-sarana-ti"].realisasi.status == Realisasi.Status.DIVERIFIKASI
    assert not baris["s3-sarana-ti"].dapat_diubah
    assert f'name="{prefix("s3-sarana-ti")}-nilai"' not in html
    assert "99,87\u00a0%" in html


# ---------------------------------------------------------------- speed


def test_it_opens_the_form_in_a_fixed_number_of_queries(
    client, org, staf_keuangan, django_assert_num_queries
):
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"))
    with django_assert_num_queries(18):
        assert client.get(url()).status_code == 200
    sepuluh_kali_indikator_keuangan(org)
    assert PerjanjianKinerja.objects.filter(tahun=2024).exists()
    with django_assert_num_queries(18):
        respons = client.get(url())
    assert len(respons.context["formulir"].baris) == 120


def test_it_saves_the_form_in_a_bounded_number_of_queries(
    client, org, staf_keuangan, django_assert_max_num_queries
):
    """Not one query per row: bulk inserts, one guarded UPDATE, bulk history."""
    client.force_login(staf_keuangan)
    sepuluh_kali_indikator_keuangan(org)
    data = data_formulir(org)
    for kunci in data:
        if kunci.endswith("-nilai"):
            data[kunci] = "55,5"
    with django_assert_max_num_queries(30):
        assert client.post(url(), data).status_code == 302
    assert Realisasi.objects.filter(tahun=2024, periode="tw1", nilai=Decimal("55.5")).count() == 120


def test_it_saves_the_faktor_pendorong_and_changes_it_later(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="101", faktor_pendorong="Inventarisasi rutin")
    assert client.post(url(), data).status_code == 302
    bmn = _realisasi("s9-bmn")
    assert (bmn.faktor_pendorong, bmn.versi) == ("Inventarisasi rutin", 1)
    # Only the text changes: still a change, written under the version lock and recorded.
    data = isi(data_formulir(org), "s9-bmn", faktor_pendorong="Aplikasi SIMAK BMN")
    assert client.post(url(), data).status_code == 302
    bmn.refresh_from_db()
    assert (bmn.faktor_pendorong, bmn.versi) == ("Aplikasi SIMAK BMN", 2)
    assert bmn.history.order_by("-history_id").first().faktor_pendorong == "Aplikasi SIMAK BMN"
    assert "Aplikasi SIMAK BMN" in client.get(url()).content.decode()
