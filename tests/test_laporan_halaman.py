"""The LAKIP page: who may see it, its consistency panel, a fixed number of queries, the
narrative form and the export command."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import PerjanjianKinerja, Realisasi
from laporan.konsistensi import periksa_konsistensi
from laporan.models import AnalisisSasaran, LaporanKinerja
from laporan.selectors import data_lakip
from organisasi.models import UnitKerja
from renstra.models import IndikatorKinerja, SasaranStrategis
from tests.pembuat import sepuluh_kali_indikator

pytestmark = pytest.mark.django_db

URL = "/laporan/kpu-bengkulu-utara/2024/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _masuk(client, user):
    client.force_login(user)
    return client


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_hides_the_report_from_another_organisation(client, orang_luar):
    _masuk(client, orang_luar)
    assert client.get(URL).status_code == 404
    assert client.get(URL + "pdf/").status_code == 404


def test_it_shows_the_report_and_what_the_data_lacks(client, staf_keuangan):
    response = _masuk(client, staf_keuangan).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "BAB III<br>AKUNTABILITAS KINERJA" in html
    assert "Pemeriksaan kelengkapan" in html
    panel = {t.judul: t.rincian for t in response.context["temuan"]}
    assert panel["Indikator dengan target tetapi tanpa realisasi terverifikasi"] == [
        "Sasaran 4: Nilai evaluasi atas pelaksanaan reformasi birokrasi"
    ]
    assert panel["Narasi yang masih kosong"] == [
        "Analisis sasaran 1",
        "Analisis sasaran 3",
        "Analisis sasaran 9",
    ]
    assert "Logo organisasi belum diunggah (sampul dan kop tanpa logo)" in panel["Kelengkapan lain"]
    assert (
        "Persentase Kegiatan pencalonan (67,13\u00a0%)"
        in (panel["Indikator di bawah target tanpa kendala dan tindak lanjut"])
    )
    # Nothing else is missing in the reference year.
    assert "Program tanpa realisasi anggaran" not in panel
    assert "Perjanjian Kinerja belum ditandatangani" not in panel
    assert "Realisasi tanpa target pada Perjanjian Kinerja yang berlaku" not in panel
    # Staff may read but not edit or finalise.
    assert "Finalkan laporan" not in html


def test_it_lists_realisasi_without_target_and_unsigned_agreements(org):
    indikator = IndikatorKinerja.objects.get(kode="s5-pelaksanaan-pemungutan")
    Realisasi.objects.create(
        indikator=indikator,
        tahun=2024,
        periode="tahunan",
        nilai=Decimal("100"),
        status=Realisasi.Status.DIVERIFIKASI,
    )
    # A unit whose only agreement of the year is still a draft (signed ones cannot go back).
    teknis = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja__slug="teknis")
    unit_baru = UnitKerja.objects.create(
        organisasi=org, nama="Subbagian Uji", nama_singkat="Uji", slug="uji",
        jenis=UnitKerja.Jenis.SUBBAGIAN, urutan=9,
    )  # fmt: skip
    PerjanjianKinerja.objects.create(
        organisasi=org, unit_kerja=unit_baru, tahun=2024, tempat="Arga Makmur",
        tanggal=teknis.tanggal, pihak_pertama=teknis.pihak_pertama, pihak_kedua=teknis.pihak_kedua,
    )  # fmt: skip
    panel = {
        t.judul: t.rincian for t in periksa_konsistensi(data_lakip(organisasi=org, tahun=2024))
    }
    assert panel["Realisasi tanpa target pada Perjanjian Kinerja yang berlaku"] == [
        f"Sasaran 5: {indikator.nama}"
    ]
    assert len(panel["Perjanjian Kinerja belum ditandatangani"]) == 1


def test_it_counts_only_verified_realisasi_unless_previewing(client, pimpinan):
    # The preview is for pimpinan and admins (tests/test_laporan_pratinjau.py).
    Realisasi.objects.filter(indikator__kode="s6-pencalonan", tahun=2024).update(
        status=Realisasi.Status.DIAJUKAN
    )
    _masuk(client, pimpinan)
    biasa = client.get(URL)
    panel = {t.judul: t.rincian for t in biasa.context["temuan"]}
    assert (
        "Sasaran 6: Persentase Kegiatan pencalonan"
        in (panel["Indikator dengan target tetapi tanpa realisasi terverifikasi"])
    )
    assert "tanda-air" not in biasa.content.decode()
    pratinjau = client.get(URL + "?pratinjau=1").content.decode()
    assert 'class="tanda-air"' in pratinjau
    assert "LAKIP KPU Kabupaten Bengkulu Utara Tahun 2024 — PRATINJAU" in pratinjau
    assert "67,13\u00a0%" in pratinjau


def test_it_runs_a_fixed_number_of_queries_whatever_the_number_of_indicators(
    client, staf_keuangan, org
):
    _masuk(client, staf_keuangan)
    client.get(URL)  # warm up session and content types
    with CaptureQueriesContext(connection) as sebelum:
        assert client.get(URL).status_code == 200
    sepuluh_kali_indikator(org)
    with CaptureQueriesContext(connection) as sesudah:
        response = client.get(URL)
    assert response.context["lakip"].data.capaian.jumlah_indikator == 350
    assert len(sesudah) == len(sebelum)


def test_it_lets_only_admins_edit_the_narrative(client, staf_keuangan):
    _masuk(client, staf_keuangan)
    assert client.get(URL + "narasi/").status_code == 403
    assert client.post(URL + "finalkan/").status_code == 403


def test_it_saves_the_narrative_and_the_analysis_of_a_sasaran(client, admin_org, org):
    _masuk(client, admin_org)
    response = client.get(URL + "narasi/")
    assert response.status_code == 200
    form = response.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data["penandatangan"] = form.initial["penandatangan"]
    data["tanggal"] = "2025-01-17"
    sasaran1 = SasaranStrategis.objects.get(renstra__organisasi=org, nomor=1)
    data[f"analisis_{sasaran1.pk}"] = "Perencanaan berjalan sesuai jadwal."
    data["rencana_tindak_lanjut"] = "Menindaklanjuti rekomendasi LHE."
    response = client.post(URL + "narasi/", data)
    assert response.status_code == 302
    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    assert laporan.rencana_tindak_lanjut == "Menindaklanjuti rekomendasi LHE."
    assert AnalisisSasaran.objects.get(laporan=laporan, sasaran=sasaran1).teks == (
        "Perencanaan berjalan sesuai jadwal."
    )
    html = client.get(URL).content.decode()
    assert "Perencanaan berjalan sesuai jadwal." in html


def test_it_uses_default_texts_for_a_year_without_report(org):
    data = data_lakip(organisasi=org, tahun=2025)
    assert not data.laporan_tersimpan
    assert "KPU Kabupaten Bengkulu Utara Tahun 2025" in data.laporan.kata_pengantar
    assert data.laporan.penandatangan.nama == "Samsul Bahri, S.Sos"
    panel = [t.judul for t in periksa_konsistensi(data)]
    assert "Narasi laporan belum disimpan: teks bawaan yang dipakai" in panel


def test_it_exports_self_contained_html(tmp_path, media):
    tujuan = tmp_path / "lakip.html"
    call_command(
        "export_lakip",
        "--org",
        "kpu-bengkulu-utara",
        "--year",
        "2024",
        "--format",
        "html",
        "--output",
        str(tujuan),
        stdout=io.StringIO(),
    )
    html = tujuan.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and "@page" in html
    # The three charts and the Lampiran's pohon kinerja, one drawing per sasaran (nine).
    assert html.count("<svg") == 3 + 9
    assert 'href="/static' not in html and 'src="/' not in html
    assert "⟦" not in html
