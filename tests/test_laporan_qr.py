"""The QR codes of the agreements the LAKIP attaches: on the page they point at the host the
page was asked from, in the PDF (and so the final version) at SITE_URL; the fingerprint that
tells whether the data changed since the final version leaves that address out."""

import io
import re

import pypdf
import pytest

from kinerja.models import PerjanjianKinerja
from kinerja.perjanjian.dokumen import qr_svg
from kinerja.perjanjian.services import perjanjian_ubah
from laporan import services
from laporan.dokumen import susun_dokumen
from laporan.models import LaporanFinal
from laporan.selectors import data_lakip
from tests.pembuat import tandatangani

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sandi_cepat")]

URL = "/laporan/kpu-bengkulu-utara/2024/"
SITUS = "https://sakip.example.go.id"
# The reference year has indicators without their cause: finalising it needs a reason.
ALASAN = "Analisis penyebab disampaikan terpisah dalam rapat evaluasi."


@pytest.fixture
def kode(org, admin_org, kasubbag_keuangan, sekretaris, settings, tmp_path) -> str:
    """The Keuangan unit's 2024 agreement amended and signed in the application: the LAKIP
    attaches it with its verification code and QR code."""
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = SITUS
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    semula = PerjanjianKinerja.objects.get(
        organisasi=org, tahun=2024, unit_kerja__slug="keuangan", versi=1
    )
    perubahan = tandatangani(
        perjanjian_ubah(perjanjian=semula, oleh=admin_org), kasubbag_keuangan, sekretaris
    )
    return perubahan.kode_verifikasi


def test_it_fingerprints_the_document_without_the_host_it_was_rendered_for(org, kode):
    situs = susun_dokumen(data_lakip(organisasi=org, tahun=2024))
    lain = susun_dokumen(
        data_lakip(organisasi=org, tahun=2024, alamat_situs="http://other.example/")
    )
    assert f"{SITUS}/verifikasi/{kode}/" in situs.html
    assert f"http://other.example/verifikasi/{kode}/" in lain.html
    assert "other.example" not in situs.html
    assert lain.sidik == situs.sidik
    # The PDF cache is keyed by the document as printed, address included.
    assert lain.kunci_cache != situs.kunci_cache


def test_it_shows_the_request_host_in_the_page_qr_and_keeps_the_final_unchanged(
    client, admin_org, org, kode
):
    final = services.laporan_finalkan(
        organisasi=org, tahun=2024, oleh=admin_org, alasan_tanpa_analisis=ALASAN
    )
    # The final PDF points at SITE_URL (the URL breaks anywhere in print: compare unspaced).
    pdf = pypdf.PdfReader(io.BytesIO(final.berkas.open("rb").read()))
    teks = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdf.pages))
    assert f"{SITUS}/verifikasi/{kode}/" in teks

    client.force_login(admin_org)
    halaman = client.get(URL, HTTP_HOST="other.example").content.decode()
    alamat = f"http://other.example/verifikasi/{kode}/"
    assert alamat in halaman
    assert str(qr_svg(alamat)) in halaman
    assert SITUS not in halaman
    assert "Data tidak berubah sejak finalisasi" in halaman
    assert LaporanFinal.objects.get(pk=final.pk).sidik_html == final.sidik_html
