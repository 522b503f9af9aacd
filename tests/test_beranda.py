"""Beranda: what each person has to do now, in a fixed number of queries."""

import re
from decimal import Decimal

import pytest

from kinerja.models import Realisasi
from tests.isian import data_formulir, isi, url
from tests.pembuat import sepuluh_kali_indikator_keuangan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("jadwal_referensi_terbuka")]


def test_it_lists_the_staffs_missing_values_for_the_period_due_now(client, org, staf_keuangan):
    # Every period of 2024 is open (the fixture's schedule); TW IV ended last, so it is due.
    client.force_login(staf_keuangan)
    client.post(url(periode="tw4"), isi(data_formulir(org, periode="tw4"), "s9-bmn", nilai="90"))
    respons = client.get("/")
    assert (respons.context["tahun"], respons.context["periode"].value) == (2024, "tw4")
    belum = [b.indikator.kode for b in respons.context["belum_diisi"]]
    assert len(belum) == 11
    assert "s9-bmn" not in belum
    html = respons.content.decode()
    assert "11 dari 12 indikator belum punya nilai Triwulan IV" in html
    assert 'href="/kinerja/kpu-bengkulu-utara/keuangan/2024/tw4/">Buka formulir Triwulan IV' in html
    # The other open periods stay one click away.
    assert [p.value for p in respons.context["periode_lain"]] == ["tw1", "tw2", "tw3", "tahunan"]
    assert 'href="/kinerja/kpu-bengkulu-utara/keuangan/2024/tw1/">Triwulan I</a>' in html
    assert "Kemajuan pengisian" not in html


def test_it_shows_the_staff_a_value_returned_in_another_period_than_the_open_one(
    client, org, staf_keuangan, kepala_keuangan
):
    client.force_login(staf_keuangan)
    client.post(url(periode="tw1"), isi(data_formulir(org, periode="tw1"), "s9-bmn", nilai="90"))
    client.post(url(periode="tw1", aksi="ajukan"))
    bmn = Realisasi.objects.get(indikator__kode="s9-bmn", periode="tw1")
    client.force_login(kepala_keuangan)
    client.post(
        url(periode="tw1", aksi="verifikasi"),
        {"pilih": [f"{bmn.pk}:{bmn.versi}"], "aksi": "kembalikan", "catatan": "Lampirkan KIB"},
    )
    client.force_login(staf_keuangan)
    respons = client.get("/")
    assert respons.context["periode"].value == "tw4"
    assert [(t.jenis, t.kunci) for t in respons.context["mendesak"]] == [
        ("dikembalikan", f"realisasi:{bmn.pk}")
    ]
    html = respons.content.decode()
    assert "Dikembalikan untuk diperbaiki: Persentase" in html
    assert "Triwulan I 2024: Lampirkan KIB" in html
    assert f'href="{url(periode="tw1")}">Perbaiki</a>' in html


def test_it_shows_the_head_what_waits_for_verification(
    client, org, staf_keuangan, kepala_keuangan, kepala_teknis
):
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"))
    client.post(url(aksi="ajukan"))
    client.force_login(kepala_keuangan)
    respons = client.get("/")
    assert [(t.jenis, t.judul, t.keterangan) for t in respons.context["mendesak"]] == [
        (
            "verifikasi",
            "1 nilai menunggu verifikasi Anda",
            "Subbagian Keuangan, Umum dan Logistik · Triwulan I 2024",
        )
    ]
    assert 'href="/kinerja/kpu-bengkulu-utara/keuangan/2024/tw1/verifikasi/">Verifikasi' in (
        respons.content.decode()
    )
    client.force_login(kepala_teknis)
    assert client.get("/").context["mendesak"] == []


def test_it_shows_pimpinan_every_units_progress_and_the_capaian_per_sasaran(
    client, org, staf_keuangan, pimpinan
):
    client.force_login(staf_keuangan)
    client.post(url(), isi(data_formulir(org), "s9-bmn", nilai="90"))
    client.post(url(), isi(data_formulir(org), "s9-gaji-tunjangan", nilai="100"))
    client.post(url(aksi="ajukan"))
    client.force_login(pimpinan)
    respons = client.get("/?tahun=2024&periode=tw1")
    progres = {
        p.unit_kerja.slug: (p.jumlah_indikator, p.terisi, p.diajukan, p.diverifikasi)
        for p in respons.context["progres"]
    }
    assert progres == {
        "keuangan": (12, 2, 2, 0),
        "teknis": (14, 0, 0, 0),
        "perencanaan": (9, 0, 0, 0),
        "parmas": (4, 0, 0, 0),
    }
    capaian = {c.sasaran.nomor: c for c in respons.context["capaian_sasaran"]}
    # Tabel 9: (96,7 + 85,58 + 99,42 + 87,22 + 85,51) / 5 = 90,886
    assert (capaian[1].rata_rata, capaian[1].kategori.nama) == (Decimal("90.89"), "Berhasil")
    # (100 + 99,87 + 99,85 + 97,10) / 4 = 99,205
    assert (capaian[3].rata_rata, capaian[3].dihitung) == (Decimal("99.21"), 4)
    # BB and WTP reached; the RB score has no realisasi
    assert (capaian[4].rata_rata, capaian[4].dihitung, capaian[4].jumlah) == (
        Decimal("100.00"),
        2,
        3,
    )
    html = respons.content.decode()
    assert "90,89\u00a0%" in html
    assert ">Keuangan, Umum dan Logistik<" in html


def test_it_draws_pimpinans_charts_on_the_server_with_their_numbers_in_tables(
    client, org, pimpinan
):
    client.force_login(pimpinan)
    html = client.get("/?periode=tw1").content.decode()
    for kode, judul in [
        ("grafik-capaian", "Rata-rata capaian per sasaran strategis tahun 2024"),
        ("grafik-progres", "Kemajuan pengisian realisasi Triwulan I 2024 per unit"),
        ("grafik-serapan", "Serapan anggaran per program tahun 2024"),
    ]:
        assert f'role="img" aria-labelledby="{kode}-judul"' in html
        assert f'<title id="{kode}-judul">{judul}' in html
    assert html.count("<figure") == 3 and html.count("<table") == 3
    # On the bars: the capaian and category of sasaran 1, the absorption of program CQ.
    assert "90,89\u00a0% · Berhasil</tspan>" in html
    assert "91,26\u00a0% · Cukup Efektif</tspan>" in html
    assert "0 dari 12 terisi</tspan>" in html
    # In the tables: the same numbers, and the money.
    assert '<td class="angka">0&nbsp;/&nbsp;12</td>' in html
    assert "Rp54.559.031.000<br>Rp49.792.963.636" in html
    assert "91,57\u00a0%" in html
    # Nothing fetched: the only scripts are the bundled Bootstrap and the app's own small file.
    assert re.findall(r'<script src="([^"]+)"', html) == [
        "/static/bootstrap/js/bootstrap.bundle.min.js",
        "/static/js/aplikasi.js",
    ]
    assert html.count("<script") == 2


def test_it_shows_staff_no_charts(client, staf_keuangan):
    client.force_login(staf_keuangan)
    html = client.get("/").content.decode()
    assert "<svg" not in html and "Serapan anggaran" not in html


def test_it_lets_pimpinan_look_at_another_period(client, pimpinan):
    client.force_login(pimpinan)
    respons = client.get("/?tahun=2024&periode=tahunan")
    progres = {p.unit_kerja.slug: (p.terisi, p.diverifikasi) for p in respons.context["progres"]}
    assert progres["keuangan"] == (12, 12)
    assert progres["perencanaan"] == (8, 8)  # the RB score has no realisasi


# Staff 32: one more than before for the values returned in any period of the year, eight
# for the year's calendar (kinerja.kalender.kalender, reading the period statuses Beranda
# already has) and the signatures waiting, one for the open LKE recommendations.
# Pimpinan 45: five more for the budget chart (the Renstra's budget scale and
# anggaran.selectors.realisasi_anggaran's four), one for the capaian table's national
# standards, and seven for the LKE: open recommendations, and the latest completed result
# (the evaluation, its answers, its imported scores and the LKE structure's three levels).
# Pimpinan 46: one more for the menu's Pemantauan (whether organisations sit below theirs).
@pytest.mark.parametrize(("siapa", "jumlah"), [("staf_keuangan", 32), ("pimpinan", 46)])
def test_it_runs_a_fixed_number_of_queries(
    client, org, request, django_assert_num_queries, siapa, jumlah
):
    client.force_login(request.getfixturevalue(siapa))
    with django_assert_num_queries(jumlah):
        assert client.get("/").status_code == 200
    sepuluh_kali_indikator_keuangan(org)
    with django_assert_num_queries(jumlah):
        assert client.get("/").status_code == 200
