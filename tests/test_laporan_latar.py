"""LAKIP PDFs rendered as background tasks, here eagerly (no broker, as `make test` runs):
one report on request, joined by a second request while it runs; every report below an
organisation as a batch that finishes the rest when one satker fails, with a retry."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.models import penyimpanan_pribadi
from laporan import cetak, tasks
from laporan.models import BatchLakip, CetakLakip, StatusCetak
from organisasi.models import Pengguna
from tests.pembuat import final_berubah, pengguna, satker_baru

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinsi(db):
    prov = satker_baru("prov-uji")
    satker_baru("kab-a-uji", induk=prov)
    satker_baru("kab-b-uji", induk=prov)
    return prov


@pytest.fixture
def admin_provinsi(provinsi) -> Pengguna:
    return pengguna("admin-prov-uji", organisasi=provinsi, peran=Pengguna.Peran.ADMIN)


def test_it_renders_every_lakip_below_and_reports_the_one_that_fails(
    client, provinsi, admin_provinsi, ruang_pribadi
):
    cucu = satker_baru("kec-uji", induk=provinsi.anak.get(slug="kab-a-uji"))
    rusak = final_berubah(provinsi.anak.get(slug="kab-b-uji"))
    client.force_login(admin_provinsi)

    response = client.post("/laporan/prov-uji/2024/batch/")

    batch = BatchLakip.objects.get(organisasi=provinsi)
    assert response.url == f"/laporan/prov-uji/2024/batch/{batch.pk}/"
    item = {i.organisasi.slug: i for i in batch.item.select_related("organisasi")}
    assert set(item) == {"kab-a-uji", "kab-b-uji", cucu.slug}
    assert item["kab-a-uji"].status == item["kec-uji"].status == StatusCetak.SELESAI
    cache = ruang_pribadi / "lakip" / "cache"
    isi = (next(cache.glob("lakip-kab-a-uji-2024-*.pdf"))).read_bytes()
    assert item["kab-a-uji"].sha256 == hashlib.sha256(isi).hexdigest()
    assert item["kab-b-uji"].status == StatusCetak.GAGAL
    assert "SHA-256 tidak cocok" in item["kab-b-uji"].galat

    halaman = client.get(response.url)
    teks = halaman.content.decode()
    assert "Selesai 2" in teks and "Gagal 1" in teks and "Menunggu 0" in teks
    assert 'http-equiv="refresh"' not in teks  # nothing left to wait for
    ulangi = f"/laporan/prov-uji/2024/batch/{batch.pk}/ulangi/{item['kab-b-uji'].pk}/"
    assert teks.count("/ulangi/") == 1 and ulangi in teks

    # The file is restored from backup; the retry now serves the final PDF.
    with rusak.berkas.open("wb") as f:
        f.write(b"%PDF-1.7\n% LAKIP final asli\n")
    assert client.post(ulangi).status_code == 302
    item["kab-b-uji"].refresh_from_db()
    assert (item["kab-b-uji"].status, item["kab-b-uji"].sumber) == (StatusCetak.SELESAI, "final")
    assert item["kab-b-uji"].percobaan == 2
    # A second click finds nothing failed: no second render.
    assert client.post(ulangi).status_code == 302
    item["kab-b-uji"].refresh_from_db()
    assert item["kab-b-uji"].percobaan == 2


def test_it_refuses_a_batch_to_others_than_the_admin(client, provinsi, ruang_pribadi):
    pimpinan = pengguna("pimpinan-prov-uji", organisasi=provinsi, peran=Pengguna.Peran.PIMPINAN)
    client.force_login(pimpinan)
    assert client.post("/laporan/prov-uji/2024/batch/").status_code == 403
    assert not BatchLakip.objects.exists()


def test_it_lets_one_render_run_and_a_second_request_join_it(
    client, provinsi, admin_provinsi, ruang_pribadi
):
    client.force_login(admin_provinsi)
    # A worker holds the claim: the request made while it waits starts nothing.
    assert cetak.cetak_minta(organisasi=provinsi, tahun=2024, pratinjau=False, sidik="")
    assert not cetak.cetak_minta(organisasi=provinsi, tahun=2024, pratinjau=False, sidik="")

    response = client.get("/laporan/prov-uji/2024/pdf/")
    assert response.status_code == 302
    assert response.url == "/laporan/prov-uji/2024/pdf/status/"
    assert CetakLakip.objects.get().status == StatusCetak.MENUNGGU
    assert "PDF sedang disusun" in client.get("/laporan/prov-uji/2024/").content.decode()
    status = client.get(response.url).content.decode()
    assert "Sedang disusun…" in status and 'http-equiv="refresh"' in status

    # The worker takes it; a redelivered message finds it claimed and skips.
    assert cetak.cetak_jalankan(organisasi=provinsi, tahun=2024, pratinjau=False) == "selesai"
    assert cetak.cetak_jalankan(organisasi=provinsi, tahun=2024, pratinjau=False) == "dilewati"
    status = client.get(response.url).content.decode()
    assert "PDF siap" in status and 'http-equiv="refresh"' not in status
    unduh = client.get("/laporan/prov-uji/2024/pdf/")
    assert unduh["X-LAKIP-Sumber"] == "cache"
    assert "Unduh PDF" in client.get("/laporan/prov-uji/2024/").content.decode()


def test_it_claims_again_a_render_whose_worker_died(provinsi, ruang_pribadi):
    assert cetak.cetak_minta(organisasi=provinsi, tahun=2024, pratinjau=False, sidik="")
    lama = timezone.now() - cetak.BASI - timedelta(minutes=1)
    CetakLakip.objects.update(status=StatusCetak.BERJALAN, mulai_pada=lama)
    assert cetak.cetak_minta(organisasi=provinsi, tahun=2024, pratinjau=False, sidik="")


def test_it_renders_in_the_request_without_a_broker(client, provinsi, admin_provinsi):
    client.force_login(admin_provinsi)
    response = client.get("/laporan/prov-uji/2024/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert CetakLakip.objects.get().status == StatusCetak.SELESAI


def test_it_writes_the_same_bytes_when_a_render_runs_again(provinsi, ruang_pribadi):
    cache = ruang_pribadi / "lakip" / "cache"
    tasks.cetak_lakip.delay("prov-uji", 2024)  # nothing claimed: the task does nothing
    assert not cache.exists()
    cetak.cetak_minta(organisasi=provinsi, tahun=2024, pratinjau=False, sidik="")
    tasks.cetak_lakip.delay("prov-uji", 2024)
    (berkas,) = cache.glob("*.pdf")
    pertama = berkas.read_bytes()
    berkas.unlink()  # lost, say, with a worker's disk: rendered again
    cetak.cetak_minta(organisasi=provinsi, tahun=2024, pratinjau=False, sidik="")
    tasks.cetak_lakip.delay("prov-uji", 2024)
    assert berkas.read_bytes() == pertama


def test_it_stores_the_report_xlsx_once_per_data(provinsi, ruang_pribadi):
    nama = tasks.susun_xlsx_lakip.delay("prov-uji", 2024).get()
    assert nama.startswith("lakip/xlsx/lakip-prov-uji-2024-") and nama.endswith(".xlsx")
    penyimpanan = penyimpanan_pribadi()
    with penyimpanan.open(nama, "rb") as f:
        isi = f.read()
    assert isi.startswith(b"PK")
    assert tasks.susun_xlsx_lakip.delay("prov-uji", 2024).get() == nama
    with penyimpanan.open(nama, "rb") as f:
        assert f.read() == isi
    assert len(penyimpanan.listdir("lakip/xlsx")[1]) == 1


def test_it_shows_a_batch_in_the_same_queries_whatever_its_size(client, provinsi, admin_provinsi):
    client.force_login(admin_provinsi)
    jumlah = {}
    for banyak in (2, 12):
        for n in range(banyak - provinsi.anak.count()):
            satker_baru(f"kab-{n}-uji", induk=provinsi)
        batch = cetak.batch_buat(organisasi=provinsi, tahun=2024, oleh=admin_provinsi)
        with CaptureQueriesContext(connection) as q:
            response = client.get(f"/laporan/prov-uji/2024/batch/{batch.pk}/")
        assert f"Menunggu {banyak}" in response.content.decode()
        jumlah[banyak] = len(q)
    assert jumlah[2] == jumlah[12]
    print(f"batch page queries: {jumlah}")
