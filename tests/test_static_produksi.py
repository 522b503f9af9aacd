"""Static files collected the way `make setup` collects them serve a production (DEBUG=0) app.

`make setup` runs collectstatic with the development settings (DEBUG on); the README's
production steps then start gunicorn with DEBUG=0. Both must agree on the static storage, or
every page answers 500 ("Missing staticfiles manifest entry") until collectstatic runs again.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A production process: render the login page (base.html, Bootstrap, the app's CSS and JS).
HALAMAN = """
import django
django.setup()
from django.test import Client
respons = Client(raise_request_exception=False).get("/akun/login/", secure=True)
print(respons.status_code)
print(respons.content.decode())
"""


def _jalankan(argumen: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    lingkungan = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    lingkungan.update(
        # config.settings, minus the slow gzip/brotli pass of collectstatic
        DJANGO_SETTINGS_MODULE="tests.settings_tanpa_kompresi",
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *argumen],
        cwd=ROOT,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _migrasi(tmp_path: Path) -> None:
    # `make setup` migrates first: the login page names the organisation it serves
    hasil = _jalankan(["manage.py", "migrate", "--no-input", "--verbosity", "0"], tmp_path)
    assert hasil.returncode == 0, hasil.stderr


def test_it_serves_pages_with_debug_off_after_collecting_as_make_setup_does(tmp_path):
    # as `make setup`: DEBUG unset (on), collectstatic --no-input --verbosity 0
    _migrasi(tmp_path)
    hasil = _jalankan(["manage.py", "collectstatic", "--no-input", "--verbosity", "0"], tmp_path)
    assert hasil.returncode == 0, hasil.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file()

    # then the README's production settings, without collecting again
    hasil = _jalankan(
        ["-c", HALAMAN],
        tmp_path,
        DEBUG="0",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="testserver",
    )
    assert hasil.returncode == 0, hasil.stderr
    status, html = hasil.stdout.split("\n", 1)
    assert status == "200", hasil.stderr[-2000:]
    # hashed names from the manifest, so browsers may cache them forever
    assert "/static/css/aplikasi." in html
    assert "/static/css/aplikasi.css" not in html


def test_it_serves_pages_with_debug_on_before_anything_is_collected(tmp_path):
    # `make run` and a fresh checkout: runserver finds the files where they are, no manifest
    _migrasi(tmp_path)
    hasil = _jalankan(["-c", HALAMAN], tmp_path, ALLOWED_HOSTS="testserver")
    assert hasil.returncode == 0, hasil.stderr
    status, html = hasil.stdout.split("\n", 1)
    assert status == "200", hasil.stderr[-2000:]
    assert "/static/css/aplikasi.css" in html
