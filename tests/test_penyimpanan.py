"""Files through Django's storage API only: with both storages in memory (as an object store
would be), a logo reaches the printed LAKIP and agreement, the final PDF is stored, served and
checked, evidence goes up and comes back, and nothing is written to MEDIA_ROOT or
PRIVATE_MEDIA_ROOT on disk."""

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from inti.pdf import berkas_lokal
from kinerja.models import BuktiDukung, penyimpanan_pribadi
from laporan.models import LaporanFinal
from organisasi.models import Organisasi
from perencanaan.profil.services import KOLOM_PROFIL
from tests.isian import data_formulir, isi, prefix, url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

LAKIP = "/laporan/kpu-bengkulu-utara/2024/"
ALASAN = "Analisis penyebab disampaikan terpisah dalam rapat evaluasi."
# An odd size, so that the printed image is recognisably the uploaded logo.
UKURAN_LOGO = (7, 5)


@pytest.fixture(autouse=True)
def di_memori(settings, tmp_path):
    """Both storages in memory; the disk folders they would otherwise use, watched."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "pribadi"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    yield
    assert not settings.MEDIA_ROOT.exists()
    assert not settings.PRIVATE_MEDIA_ROOT.exists()


def _png(ukuran=UKURAN_LOGO) -> bytes:
    berkas = io.BytesIO()
    Image.new("RGB", ukuran, (200, 30, 30)).save(berkas, "PNG")
    return berkas.getvalue()


def _ukuran_gambar(pdf: bytes) -> set[tuple[int, int]]:
    return {g.image.size for hal in pypdf.PdfReader(io.BytesIO(pdf)).pages for g in hal.images}


def _unggah_logo(client, org: Organisasi) -> str:
    data = {k: getattr(org, k) for k in KOLOM_PROFIL}
    data["logo"] = SimpleUploadedFile("logo.png", _png(), "image/png")
    respons = client.post(f"/perencanaan/{org.slug}/profil/", data)
    assert respons.status_code == 302
    return Organisasi.objects.get(pk=org.pk).logo.name


def test_it_uses_the_configured_backends():
    # Model fields built at import follow STORAGES as it is now.
    assert isinstance(Organisasi._meta.get_field("logo").storage, InMemoryStorage)
    assert isinstance(LaporanFinal._meta.get_field("berkas").storage, InMemoryStorage)
    assert isinstance(BuktiDukung._meta.get_field("berkas").storage, InMemoryStorage)


def _kelas_penyimpanan(**env: str) -> subprocess.CompletedProcess:
    """The private and default storages' classes in a fresh process with this environment."""
    kode = (
        "import django; django.setup()\n"
        "from django.core.files.storage import default_storage\n"
        "from kinerja.models import penyimpanan_pribadi\n"
        "print(penyimpanan_pribadi().__class__.__name__, default_storage.__class__.__name__,"
        " penyimpanan_pribadi().base_url)"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter running our own code
        [sys.executable, "-c", kode],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_chooses_each_storage_from_the_environment():
    hasil = _kelas_penyimpanan(
        STORAGE_PRIVATE_BACKEND="django.core.files.storage.InMemoryStorage",
        STORAGE_PRIVATE_OPTIONS='{"base_url": "/tidak-ada/"}',
        STORAGE_DEFAULT_BACKEND="django.core.files.storage.InMemoryStorage",
    )
    assert hasil.stdout.split() == ["InMemoryStorage", "InMemoryStorage", "/tidak-ada/"]
    baku = _kelas_penyimpanan(STORAGE_PRIVATE_BACKEND="", STORAGE_DEFAULT_BACKEND="")
    assert baku.stdout.split()[:2] == ["PenyimpananPribadi", "FileSystemStorage"]
    salah = _kelas_penyimpanan(STORAGE_PRIVATE_OPTIONS="{bucket_name: x}")
    assert salah.returncode != 0
    assert "STORAGE_PRIVATE_OPTIONS bukan JSON" in salah.stderr


def test_it_prints_stores_and_serves_the_final_lakip_without_a_disk(client, admin_org, org):
    client.force_login(admin_org)
    nama_logo = _unggah_logo(client, org)
    assert default_storage.exists(nama_logo)

    # A rendered PDF: real WeasyPrint, the logo read from the storage and printed.
    pdf = client.get(LAKIP + "pdf/")
    assert pdf.status_code == 200
    assert UKURAN_LOGO in _ukuran_gambar(pdf.content)
    _, cache = penyimpanan_pribadi().listdir("lakip/cache")
    assert len(cache) == 1

    assert client.post(LAKIP + "finalkan/", {"alasan_tanpa_analisis": ALASAN}).status_code == 302
    final = LaporanFinal.objects.get(laporan__organisasi=org, laporan__tahun=2024)
    with penyimpanan_pribadi().open(final.berkas.name, "rb") as berkas:
        tersimpan = berkas.read()
    assert hashlib.sha256(tersimpan).hexdigest() == final.sha256
    assert UKURAN_LOGO in _ukuran_gambar(tersimpan)

    unduh = client.get(LAKIP + "pdf/")
    assert unduh["X-LAKIP-Sumber"] == "final"
    assert unduh.content == tersimpan
    client.logout()
    publik = client.get("/publik/kpu-bengkulu-utara/2024/lakip.pdf")
    assert publik.status_code == 200
    assert publik.content == tersimpan

    # Changed in the store after finalisation: refused, never served.
    penyimpanan_pribadi().delete(final.berkas.name)
    assert penyimpanan_pribadi().save(final.berkas.name, ContentFile(tersimpan + b"%%")) == (
        final.berkas.name
    )
    assert client.get("/publik/kpu-bengkulu-utara/2024/lakip.pdf").status_code == 503
    client.force_login(admin_org)
    rusak = client.get(LAKIP + "pdf/")
    assert rusak.status_code == 500
    assert "SHA-256 tidak cocok" in rusak.content.decode()


def test_it_prints_the_logo_from_the_storage_on_a_draft_agreement(
    client, admin_org, org, draf_keuangan
):
    client.force_login(admin_org)
    _unggah_logo(client, org)
    respons = client.get(f"/perjanjian/{draf_keuangan.pk}/pdf/")
    assert respons.status_code == 200
    assert UKURAN_LOGO in _ukuran_gambar(respons.content)


def test_it_fetches_only_names_inside_the_media_storage():
    default_storage.save("logo/a.png", ContentFile(b"png"))
    assert berkas_lokal("/media/logo/a.png").isi == b"png"
    assert berkas_lokal("http://sakip.invalid/media/logo/a.png").jenis == "image/png"
    assert berkas_lokal("/media/logo/b.png") is None
    assert berkas_lokal("/media/logo/../logo/a.png") is None
    assert berkas_lokal("/media//etc/passwd") is None
    assert berkas_lokal("https://contoh.go.id/media/logo/a.png") is None


@pytest.mark.usefixtures("jadwal_referensi_terbuka")
def test_it_keeps_and_serves_evidence_files_through_the_storage(client, org, staf_keuangan):
    client.force_login(staf_keuangan)
    data = isi(data_formulir(org), "s9-bmn", nilai="90")
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    data[f"{prefix('s9-bmn')}-bukti"] = SimpleUploadedFile("berita acara.pdf", pdf)
    assert client.post(url(), data).status_code == 302
    bukti = BuktiDukung.objects.get()
    assert penyimpanan_pribadi().exists(bukti.berkas.name)
    respons = client.get(f"/kinerja/bukti/{bukti.pk}/")
    assert respons.status_code == 200
    assert b"".join(respons.streaming_content) == pdf
