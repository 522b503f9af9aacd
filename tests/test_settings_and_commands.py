"""The project's own guard rails: settings from the environment, and the setup commands."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from organisasi.models import Pejabat, Pengguna

ROOT = Path(__file__).resolve().parent.parent


def _django_setup(**env: str) -> subprocess.CompletedProcess:
    lingkungan = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**lingkungan, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    hasil = _django_setup(DEBUG="0", ALLOWED_HOSTS="example.go.id")
    assert hasil.returncode != 0
    assert "SECRET_KEY wajib diisi" in hasil.stderr


def test_it_starts_with_a_secret_key_when_debug_is_off():
    hasil = _django_setup(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.go.id")
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
