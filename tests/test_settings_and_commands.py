"""The project's own guard rails: settings from the environment, and the setup commands."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from organisasi.models import Pejabat, Pengguna
from tests.pembuat import django_setup_terpisah

ROOT = Path(__file__).resolve().parent.parent


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    hasil = django_setup_terpisah(DEBUG="0", ALLOWED_HOSTS="example.go.id")
    assert hasil.returncode != 0
    assert "SECRET_KEY wajib diisi" in hasil.stderr


def test_it_starts_with_a_secret_key_when_debug_is_off():
    hasil = django_setup_terpisah(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.go.id")
    assert hasil.returncode == 0, hasil.stderr


@pytest.mark.django_db
def test_it_creates_the_demo_accounts_linked_to_the_signatories(org, capsys, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "sandi-demo-uji-1")
    call_command("create_demo_accounts")
    keluaran = capsys.readouterr().out
    assert "Kata sandi semua akun demo: sandi-demo-uji-1" in keluaran
    nama = set(Pengguna.objects.values_list("username", flat=True))
    assert {"admin", "ketua", "sekretaris"} <= nama
    for unit in ("keuangan", "teknis", "perencanaan", "parmas"):
        staf = Pengguna.objects.get(username=f"staf-{unit}")
        assert (staf.peran, staf.unit_kerja.slug) == ("staf", unit)
        kepala = Pengguna.objects.get(username=f"kasubbag-{unit}")
        assert Pejabat.objects.get(pengguna=kepala).unit_kerja.slug == unit
    assert Pejabat.objects.get(pengguna__username="sekretaris").nama == "Samsul Bahri, S.Sos"
    assert Pengguna.objects.get(username="staf-teknis").check_password("sandi-demo-uji-1")
    assert Pengguna.objects.get(username="inspektorat").peran == "evaluator"
    # Running it again resets, it does not duplicate.
    call_command("create_demo_accounts")
    assert Pengguna.objects.filter(username="admin").count() == 1


@pytest.mark.django_db
def test_it_names_a_missing_organisation():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="belum ada"):
        call_command("create_demo_accounts", "--org", "kpu-tidak-ada")


@pytest.mark.django_db
def test_it_opens_a_past_year_for_entry_with_atur_jadwal(org, capsys):
    from kinerja.models import Periode
    from kinerja.realisasi.periode import status_periode

    assert not any(s.terbuka for s in status_periode(organisasi=org, tahun=2024).values())
    call_command("atur_jadwal", "--org", org.slug, "--tahun", "2024", "--hari", "30")
    status = status_periode(organisasi=org, tahun=2024)
    assert all(s.terbuka for s in status.values())
    assert status[Periode.TW4].tanggal_tutup == timezone.localdate() + timedelta(days=30)
    assert "ditutup" in capsys.readouterr().out


def test_it_fails_the_deploy_check_without_a_real_site_url(settings):
    from django.core.checks import run_checks

    settings.SITE_URL = "http://127.0.0.1:8000"
    ids = {e.id for e in run_checks(include_deployment_checks=True)}
    assert "laporan.E001" in ids
    settings.SITE_URL = "https://sakip.example.go.id"
    ids = {e.id for e in run_checks(include_deployment_checks=True)}
    assert "laporan.E001" not in ids
