"""Finalising the LAKIP: the stored PDF and its SHA-256 stay as they were when data change;
producing the PDF again without changes returns the cached bytes."""

import hashlib
import io
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from kinerja.models import KunciTahun, Realisasi
from kinerja.realisasi.periode import status_periode
from laporan import services
from laporan.models import LaporanFinal

pytestmark = pytest.mark.django_db

URL = "/laporan/kpu-bengkulu-utara/2024/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_it_returns_the_cached_pdf_when_nothing_changed(org):
    pertama = services.lakip_pdf(organisasi=org, tahun=2024)
    assert pertama.sumber == "baru"
    assert pertama.isi.startswith(b"%PDF")
    mulai = time.perf_counter()
    kedua = services.lakip_pdf(organisasi=org, tahun=2024)
    lama = time.perf_counter() - mulai
    assert kedua.sumber == "cache"
    assert kedua.isi == pertama.isi
    # The bench measures the real figure; here only a generous bound against a re-render.
    assert lama < 2


def test_it_finalises_and_keeps_the_final_pdf_when_data_change(client, admin_org, org, media):
    client.force_login(admin_org)
    response = client.post(URL + "finalkan/")
    assert response.status_code == 302
    final = LaporanFinal.objects.get(laporan__organisasi=org, laporan__tahun=2024)
    assert final.versi == 1 and final.berlaku
    disimpan = (media / final.berkas.name).read_bytes()
    assert hashlib.sha256(disimpan).hexdigest() == final.sha256
    assert final.difinalkan_oleh == admin_org
    # A final report closes every period of the year for data entry.
    kunci = KunciTahun.objects.get(organisasi=org, tahun=2024)
    assert "difinalkan" in kunci.alasan
    assert not any(s.terbuka for s in status_periode(organisasi=org, tahun=2024).values())

    Realisasi.objects.filter(indikator__kode="s6-pencalonan", tahun=2024).update(
        nilai=Decimal("99")
    )
    unduh = client.get(URL + "pdf/")
    assert unduh["X-LAKIP-Sumber"] == "final"
    assert unduh["X-LAKIP-SHA256"] == final.sha256
    assert unduh.content == disimpan
    halaman = client.get(URL).content.decode()
    assert "Final versi 1" in halaman
    assert final.sha256 in halaman
    assert "Data sudah berubah sejak finalisasi" in halaman

    with pytest.raises(ValidationError):
        services.laporan_finalkan(organisasi=org, tahun=2024, oleh=admin_org)

    assert client.post(URL + "buka/").status_code == 302
    final.refresh_from_db()
    assert not final.berlaku and final.dibuka_oleh == admin_org
    kedua = services.laporan_finalkan(organisasi=org, tahun=2024, oleh=admin_org)
    assert kedua.versi == 2
    assert kedua.sha256 != final.sha256
    # The first version's file is kept as it was.
    assert (media / final.berkas.name).read_bytes() == disimpan
    # The export command writes the final version, without rendering again.
    tujuan = media / "ekspor.pdf"
    call_command(
        "export_lakip",
        "--org",
        "kpu-bengkulu-utara",
        "--year",
        "2024",
        "--format",
        "pdf",
        "--output",
        str(tujuan),
        stdout=io.StringIO(),
    )
    assert hashlib.sha256(tujuan.read_bytes()).hexdigest() == kedua.sha256


def test_it_downloads_the_pdf_from_the_admin_action(admin_client, org):
    from laporan.models import LaporanKinerja

    laporan = LaporanKinerja.objects.get(organisasi=org, tahun=2024)
    response = admin_client.post(
        "/admin/laporan/laporankinerja/",
        {"action": "unduh_pdf", "_selected_action": [laporan.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
