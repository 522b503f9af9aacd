"""The public pages: only finalised, published and signed documents; open data of a finalised
year as JSON and CSV matching the report; cached, fixed queries, throttled per client."""

import csv
import hashlib
import io
import json
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.capaian import tabel_capaian
from kinerja.models import PerjanjianKinerja
from laporan.models import LaporanFinal, LaporanKinerja
from publik.data import KOLOM

pytestmark = pytest.mark.django_db

HALAMAN = "/publik/kpu-bengkulu-utara/"
JSON = "/publik/kpu-bengkulu-utara/2024/capaian.json"
CSV = "/publik/kpu-bengkulu-utara/2024/capaian.csv"
PDF = "/publik/kpu-bengkulu-utara/2024/lakip.pdf"
ISI_PDF = b"%PDF-1.7 uji publikasi"


@pytest.fixture(autouse=True)
def cache_bersih(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


def finalkan(org, tahun: int = 2024, isi: bytes = ISI_PDF, dipublikasikan: bool = True):
    """A final version as laporan_finalkan stores it, without the WeasyPrint run."""
    laporan, _ = LaporanKinerja.objects.get_or_create(
        organisasi=org, tahun=tahun, defaults={"tempat": "Arga Makmur"}
    )
    versi = LaporanFinal.objects.filter(laporan=laporan).count() + 1
    sekarang = timezone.now()
    final = LaporanFinal(
        laporan=laporan,
        versi=versi,
        sha256=hashlib.sha256(isi).hexdigest(),
        sidik_html="0" * 64,
        ukuran=len(isi),
        difinalkan_pada=sekarang,
        dipublikasikan_pada=sekarang if dipublikasikan else None,
    )
    final.berkas.save("lakip.pdf", ContentFile(isi), save=False)
    final.save()
    return final


def test_it_records_the_publication_date_when_finalising(org, admin_org):
    from laporan import services

    final = services.laporan_finalkan(
        organisasi=org, tahun=2024, oleh=admin_org, alasan_tanpa_analisis="Disusul."
    )
    assert final.dipublikasikan_pada == final.difinalkan_pada


def test_it_shows_nothing_draft_or_unsigned(client, org, draf_keuangan):
    html = client.get(HALAMAN).content.decode()
    assert "Belum ada laporan kinerja yang final." in html
    assert "2025" not in html  # the 2025 draft agreement
    assert (
        html.count("ditandatangani di atas kertas")
        == PerjanjianKinerja.objects.filter(organisasi=org, status="ditandatangani").count()
    )
    assert "Rencana Strategis KPU Kabupaten Bengkulu Utara Tahun 2020-2024" in html
    assert client.get(JSON).status_code == 404
    assert client.get(CSV).status_code == 404
    assert client.get(PDF).status_code == 404


def test_it_links_signed_agreements_to_their_verification_page(client, ditandatangani):
    html = client.get(HALAMAN).content.decode()
    assert f'href="/verifikasi/{ditandatangani.kode_verifikasi}/"' in html


def test_it_lists_the_published_final_with_its_sha256_and_serves_its_pdf(client, org):
    final = finalkan(org)
    html = client.get(HALAMAN).content.decode()
    assert final.sha256 in html
    assert f'href="{PDF}"' in html
    response = client.get(PDF)
    assert response.status_code == 200
    assert response.content == ISI_PDF
    assert response["X-LAKIP-SHA256"] == final.sha256


def test_it_refuses_a_pdf_whose_bytes_changed(client, org):
    final = finalkan(org)
    with open(final.berkas.path, "wb") as f:
        f.write(b"%PDF diubah")
    assert client.get(PDF).status_code == 503


def test_it_hides_unpublished_and_reopened_finals(client, org):
    final = finalkan(org, dipublikasikan=False)
    assert final.sha256 not in client.get(HALAMAN).content.decode()
    assert client.get(JSON).status_code == 404
    final.dipublikasikan_pada = timezone.now()
    final.save()
    assert client.get(JSON).status_code == 200
    final.dibuka_pada = timezone.now()
    final.save()
    cache.clear()  # the figures' cache holds per SHA-256; the lookup of the final does not
    assert client.get(JSON).status_code == 404
    assert final.sha256 not in client.get(HALAMAN).content.decode()


def test_it_answers_json_numbers_matching_the_report(client, org):
    final = finalkan(org)
    response = client.get(JSON)
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content, parse_float=Decimal)
    assert data["sha256"] == final.sha256 and data["tahun"] == 2024
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    assert [d["indikator_kode"] for d in data["indikator"]] == [
        b.indikator.kode for b in tabel.baris
    ]
    per_kode = {d["indikator_kode"]: d for d in data["indikator"]}
    kampanye = per_kode["s6-kampanye"]
    assert kampanye["target"] == 100 and isinstance(kampanye["target"], int)
    assert kampanye["capaian_persen"] == Decimal("88.24")
    assert kampanye["kategori"] == next(
        b.kategori.nama for b in tabel.baris if b.indikator.kode == "s6-kampanye"
    )
    akip = per_kode["s4-predikat-akip"]
    assert (akip["target"], akip["target_tingkat"]) == (None, "BB")
    for b in tabel.baris:
        assert per_kode[b.indikator.kode]["capaian_persen"] == b.hasil.persen


def test_it_answers_csv_with_dot_decimals_and_the_documented_header(client, org):
    final = finalkan(org)
    response = client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    baris = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(baris[0]) == KOLOM
    per_kode = {b["indikator_kode"]: b for b in baris}
    assert per_kode["s6-kampanye"]["capaian_persen"] == "88.24"
    assert per_kode["s6-kampanye"]["target"] == "100"
    assert {b["sha256_laporan"] for b in baris} == {final.sha256}
    tabel = tabel_capaian(organisasi=org, tahun=2024)
    for b in tabel.baris:
        nilai = per_kode[b.indikator.kode]["capaian_persen"]
        assert (Decimal(nilai) if nilai else None) == b.hasil.persen


def test_it_answers_from_the_cache_with_fixed_queries(client, org, django_assert_num_queries):
    finalkan(org)
    # organisation and stamp, three lists, and the completed LKE (evaluation, its answers, its
    # imported scores, the structure's three levels)
    with django_assert_num_queries(10):
        respons = client.get(HALAMAN)
    # The reference year's LHE on 2023, completed by the evaluator, is public.
    assert "Tahun 2023: nilai 70,70, predikat <strong>BB</strong>" in respons.content.decode()
    with django_assert_num_queries(1):
        client.get(HALAMAN)
    # organisation and stamp, the final, the capaian table's nine (no 2023 agreement to read)
    with django_assert_num_queries(11):
        client.get(JSON)
    with django_assert_num_queries(2):
        client.get(JSON)


def test_it_shows_a_new_final_at_once(client, org):
    client.get(HALAMAN)
    final = finalkan(org)
    assert final.sha256 in client.get(HALAMAN).content.decode()


def test_it_throttles_each_client(client, settings):
    settings.PUBLIK_BATAS_PER_MENIT = 3
    for _ in range(3):
        assert client.get(HALAMAN).status_code == 200
    response = client.get(HALAMAN)
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert response["Retry-After"] == "60"
    # Another address has its own allowance; a forged X-Forwarded-For is not believed.
    assert client.get(HALAMAN, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get(HALAMAN, HTTP_X_FORWARDED_FOR="10.0.0.8").status_code == 429


def test_it_needs_no_login_and_leaks_no_session(client, admin_org):
    client.force_login(admin_org)
    client.get(HALAMAN)
    client.logout()
    html = client.get(HALAMAN).content.decode()
    assert "admin-uji" not in html and "csrfmiddlewaretoken" not in html


def test_it_offers_the_published_renstra_as_lke_evidence(org):
    from evaluasi.saran import dokumen_semua

    dokumen = {d.alamat: d.judul for d in dokumen_semua(org, 2024)}
    assert dokumen["/publik/kpu-bengkulu-utara/#judul-renstra"] == (
        "Rencana Strategis KPU Kabupaten Bengkulu Utara Tahun 2020-2024 (2020–2024), halaman publik"
    )
    # Beside the documents the other apps offer: the LAKIP and the signed agreements.
    assert "/laporan/kpu-bengkulu-utara/2024/" in dokumen
    assert sum("Perjanjian Kinerja 2024" in j for j in dokumen.values()) == 6
