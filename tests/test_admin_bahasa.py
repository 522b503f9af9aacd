"""Every label of the admin in Indonesian, the packages' sections too: django-import-export
ships no Indonesian catalogue (the project's locale/id provides it), django-axes a partial one
and an English section name (config.aplikasi.AxesConfig)."""

import pytest
from django.urls import reverse
from django.utils import translation

from organisasi.models import Pengguna

pytestmark = pytest.mark.django_db


@pytest.fixture
def akar(client, org):
    client.force_login(
        Pengguna.objects.create_superuser(
            username="akar-bahasa", password="x-uji-123456", organisasi=org, peran="admin"
        )
    )
    return client


def test_it_has_the_indonesian_catalogue_active():
    with translation.override("id"):
        assert translation.gettext("Import") == "Impor"
        assert translation.gettext("Confirm import") == "Konfirmasi impor"
        assert translation.gettext("access attempts") == "upaya login"


def test_it_names_the_import_and_export_buttons_and_pages_in_indonesian(akar):
    daftar = akar.get(reverse("admin:anggaran_anggarankegiatan_changelist")).content.decode()
    assert ">Impor</a>" in daftar
    assert ">Ekspor</a>" in daftar
    assert ">Import</a>" not in daftar
    impor = akar.get(reverse("admin:anggaran_anggarankegiatan_import")).content.decode()
    assert "Kolom yang akan diimpor:" in impor
    assert "Berkas yang diimpor" in impor
    assert "This importer" not in impor
    ekspor = akar.get(reverse("admin:anggaran_anggarankegiatan_export")).content.decode()
    assert "Kolom yang akan diekspor:" in ekspor
    assert "Pilih semua" in ekspor


def test_it_names_the_login_lockout_section_in_indonesian(akar):
    beranda = akar.get(reverse("admin:index")).content.decode()
    assert "Pembatasan login" in beranda
    assert ">Axes<" not in beranda
    for nama in ["Upaya login", "Log login", "Login gagal"]:
        assert nama in beranda
    log = akar.get(reverse("admin:axes_accesslog_changelist")).content.decode()
    for kolom in ["Waktu percobaan", "Waktu keluar", "Alamat IP", "Alamat halaman"]:
        assert kolom in log
    for inggris in ["Attempt Time", "Logout Time", "User Agent", ">Path<"]:
        assert inggris not in log
