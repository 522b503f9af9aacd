"""Finalising the LAKIP: the stored PDF and its SHA-256 stay as they were when data change;
producing the PDF again without changes returns the cached bytes."""

import hashlib
import importlib
import io
import time
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.http import Http404
from django.utils import timezone
from django.views.static import serve

from inti.galat import Ditolak
from kinerja.models import KunciTahun, Realisasi, penyimpanan_pribadi
from kinerja.realisasi.periode import status_periode
from laporan import services
from laporan.models import LaporanFinal

pytestmark = pytest.mark.django_db

URL = "/laporan/kpu-bengkulu-utara/2024/"
# The reference year has indicators without their cause: finalising it needs a reason.
ALASAN = "Analisis penyebab disampaikan terpisah dalam rapat evaluasi."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_it_returns_the_cached_pdf_when_nothing_changed(org, media, ruang_pribadi):
    pertama = services.lakip_pdf(organisasi=org, tahun=2024)
    assert pertama.sumber == "baru"
    assert pertama.isi.startswith(b"%PDF")
    # The cache holds unverified previews too: private storage, nothing under MEDIA_ROOT.
    assert [p.read_bytes() for p in (ruang_pribadi / "lakip" / "cache").glob("*.pdf")] == [
        pertama.isi
    ]
    assert not [p for p in media.rglob("*.pdf") if ruang_pribadi not in p.parents]
    mulai = time.perf_counter()
    kedua = services.lakip_pdf(organisasi=org, tahun=2024)
    lama = time.perf_counter() - mulai
    assert kedua.sumber == "cache"
    assert kedua.isi == pertama.isi
    # The bench measures the real figure; here only a generous bound against a re-render.
    assert lama < 2


def test_it_finalises_and_keeps_the_final_pdf_when_data_change(
    client, admin_org, org, media, ruang_pribadi
):
    client.force_login(admin_org)
    response = client.post(URL + "finalkan/", {"alasan_tanpa_analisis": ALASAN})
    assert response.status_code == 302
    final = LaporanFinal.objects.get(laporan__organisasi=org, laporan__tahun=2024)
    assert final.versi == 1 and final.berlaku
    disimpan = (ruang_pribadi / final.berkas.name).read_bytes()
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

    with pytest.raises(Ditolak, match="sudah final"):
        services.laporan_finalkan(
            organisasi=org, tahun=2024, oleh=admin_org, alasan_tanpa_analisis=ALASAN
        )

    assert client.post(URL + "buka/").status_code == 302
    final.refresh_from_db()
    assert not final.berlaku and final.dibuka_oleh == admin_org
    kedua = services.laporan_finalkan(
        organisasi=org, tahun=2024, oleh=admin_org, alasan_tanpa_analisis=ALASAN
    )
    assert kedua.versi == 2
    assert kedua.sha256 != final.sha256
    # The first version's file is kept as it was.
    assert (ruang_pribadi / final.berkas.name).read_bytes() == disimpan
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


# ---------------------------------------------------------------- stored finals

PDF_UJI = b"%PDF-1.7 final uji"


def _final_tersimpan(org, admin_org) -> LaporanFinal:
    """A final version with a small stored file, without printing the whole report."""
    laporan = services.laporan_kinerja_buat(organisasi=org, tahun=2024)
    final = LaporanFinal(
        laporan=laporan,
        versi=1,
        sha256=hashlib.sha256(PDF_UJI).hexdigest(),
        sidik_html="0" * 64,
        ukuran=len(PDF_UJI),
        difinalkan_pada=timezone.now(),
        difinalkan_oleh=admin_org,
    )
    final.berkas.save("lakip.pdf", ContentFile(PDF_UJI), save=False)
    final.save()
    return final


def test_it_serves_the_final_pdf_when_its_hash_matches(client, admin_org, org):
    final = _final_tersimpan(org, admin_org)
    client.force_login(admin_org)
    unduh = client.get(URL + "pdf/")
    assert unduh.status_code == 200
    assert unduh.content == PDF_UJI
    assert unduh["X-LAKIP-SHA256"] == final.sha256


def test_it_refuses_a_final_pdf_whose_bytes_changed_on_disk(
    client, admin_client, admin_org, org, caplog
):
    final = _final_tersimpan(org, admin_org)
    with open(penyimpanan_pribadi().path(final.berkas.name), "ab") as berkas:
        berkas.write(b"%% tambahan")
    client.force_login(admin_org)
    unduh = client.get(URL + "pdf/")
    assert unduh.status_code == 500
    assert unduh["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in unduh
    html = unduh.content.decode()
    assert "PDF final tidak dapat diunduh" in html
    assert "SHA-256 tidak cocok" in html
    assert any(r.levelname == "ERROR" and final.sha256 in r.getMessage() for r in caplog.records)
    # The same refusal from the admin action and the export command.
    admin = admin_client.post(
        "/admin/laporan/laporankinerja/",
        {"action": "unduh_pdf", "_selected_action": [final.laporan.pk]},
        follow=True,
    )
    assert "SHA-256 tidak cocok" in admin.content.decode()
    with pytest.raises(CommandError, match="SHA-256 tidak cocok"):
        call_command("export_lakip", "--org", org.slug, "--year", "2024", "--output", "/dev/null")


def test_it_refuses_a_missing_final_pdf(client, admin_org, org):
    final = _final_tersimpan(org, admin_org)
    penyimpanan_pribadi().delete(final.berkas.name)
    client.force_login(admin_org)
    unduh = client.get(URL + "pdf/")
    assert unduh.status_code == 500
    assert "tidak ditemukan" in unduh.content.decode()


def test_it_keeps_final_pdfs_out_of_the_public_media_tree(
    admin_client, admin_org, org, settings, tmp_path, rf
):
    media = settings.MEDIA_ROOT = tmp_path / "media"  # beside, not above, the private root
    final = _final_tersimpan(org, admin_org)
    nama = final.berkas.name
    assert penyimpanan_pribadi().exists(nama)
    assert not default_storage.exists(nama)
    assert not any(p.is_file() for p in media.rglob("*"))
    # What DEBUG serves under MEDIA_URL (config/urls.py) does not reach it.
    with pytest.raises(Http404):
        serve(rf.get(f"/media/{nama}"), nama, document_root=str(media))
    # The admin shows the file's name without a link.
    halaman = admin_client.get(f"/admin/laporan/laporanfinal/{final.pk}/change/")
    assert halaman.status_code == 200
    assert nama in halaman.content.decode()


def test_it_moves_stored_finals_into_the_private_storage(admin_org, org, media, ruang_pribadi):
    final = _final_tersimpan(org, admin_org)
    nama = final.berkas.name
    # As before the migration: the file in the public media tree.
    with penyimpanan_pribadi().open(nama, "rb") as berkas:
        default_storage.save(nama, berkas)
    penyimpanan_pribadi().delete(nama)
    migrasi = importlib.import_module("laporan.migrations.0004_laporanfinal_berkas_pribadi")
    migrasi.ke_pribadi(django_apps, None)
    assert not default_storage.exists(nama)
    final.refresh_from_db()
    assert services.final_baca(final) == PDF_UJI


def test_it_refuses_to_finalise_without_a_reason_while_causes_are_missing(
    client, admin_org, org, media
):
    client.force_login(admin_org)
    halaman = client.get(URL + "finalkan/").content.decode()
    # The confirmation asks for the reason below the findings that list the indicators.
    assert 'name="alasan_tanpa_analisis"' in halaman
    assert "Indikator di bawah target tanpa kendala dan tindak lanjut" in halaman
    assert "Indikator yang mencapai target tanpa faktor pendorong" in halaman
    respons = client.post(URL + "finalkan/", {"alasan_tanpa_analisis": "   "}, follow=True)
    # Refused: back on the confirmation, with the reason field and why.
    assert respons.redirect_chain == [(URL + "finalkan/", 302)]
    assert 'name="alasan_tanpa_analisis"' in respons.content.decode()
    pesan = [str(m) for m in respons.context["messages"]]
    assert len(pesan) == 1
    assert pesan[0].endswith(
        "indikator belum memuat penyebab keberhasilan atau kegagalannya (lihat Pemeriksaan "
        "kelengkapan). Lengkapi kendala, tindak lanjut atau faktor pendorongnya, atau tulis "
        "alasan menerbitkan laporan tanpa analisis tersebut."
    )
    assert not LaporanFinal.objects.exists()
    assert not KunciTahun.objects.filter(organisasi=org, tahun=2024).exists()
    with pytest.raises(Ditolak, match="belum memuat penyebab"):
        services.laporan_finalkan(organisasi=org, tahun=2024, oleh=admin_org)
    assert not LaporanFinal.objects.exists()


def test_it_finalises_with_a_reason_and_shows_it_on_the_final_panel(client, admin_org, org, media):
    client.force_login(admin_org)
    respons = client.post(URL + "finalkan/", {"alasan_tanpa_analisis": f"  {ALASAN}\n"})
    assert respons.status_code == 302
    final = LaporanFinal.objects.get(laporan__organisasi=org, laporan__tahun=2024)
    assert final.alasan_tanpa_analisis == ALASAN
    halaman = client.get(URL).content.decode()
    assert f"Alasan: {ALASAN}" in halaman
    assert "Data tidak berubah sejak finalisasi" in halaman


def test_it_asks_for_confirmation_listing_the_warnings_of_the_panel(client, admin_org, org):
    client.force_login(admin_org)
    panel = client.get(URL)
    # The panel's button leads to the confirmation; it finalises nothing by itself.
    assert f'href="{URL}finalkan/">Finalkan laporan' in panel.content.decode()
    respons = client.get(URL + "finalkan/")
    assert respons.status_code == 200
    assert not LaporanFinal.objects.exists()
    html = respons.content.decode()
    temuan = [(t.judul, t.rincian) for t in respons.context["temuan"]]
    assert temuan == [(t.judul, t.rincian) for t in panel.context["temuan"]]
    assert len(temuan) == html.count('class="alert alert-danger small py-2 mb-2 temuan"') + (
        html.count('class="alert alert-warning small py-2 mb-2 temuan"')
    )
    # The reference year: pencalonan at 67,13 % lacks its kendala and tindak lanjut.
    assert "Indikator di bawah target tanpa kendala dan tindak lanjut" in html
    assert "<li>Persentase Kegiatan pencalonan (67,13\u00a0%)" in html
    assert "Tetap finalkan laporan" in html

    assert client.post(URL + "finalkan/", {"alasan_tanpa_analisis": ALASAN}).status_code == 302
    assert LaporanFinal.objects.get(laporan__organisasi=org, laporan__tahun=2024).versi == 1
    sudah = client.get(URL + "finalkan/").content.decode()
    assert "sudah final (versi 1)" in sudah and 'name="alasan_tanpa_analisis"' not in sudah


def test_it_shows_the_confirmation_to_admins_only(client, kepala_keuangan):
    client.force_login(kepala_keuangan)
    assert client.get(URL + "finalkan/").status_code == 403
