"""The app served for the browser journeys, and the browser.

The reference year is loaded once per run into a SQLite file (migrate, load_reference,
create_demo_accounts); each test module gets its own copy of that file behind its own gunicorn
on a free 127.0.0.1 port, so the journeys do not depend on each other's order (the report
journey finalises 2024, which closes the year's periods). The tests talk to the server only
over HTTP: the Django ORM is never touched in this process (Playwright's sync API runs an
event loop, under which Django refuses synchronous queries).

Not pytest-django's live_server: it empties the database between tests with a flush, which
the triggers that keep signed agreements immutable refuse on SQLite.
"""

import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.peramban import PELANGGARAN_CSP, SANDI, tanpa_pelanggaran_csp

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
# Headless without the sandbox (CI runs as root); the networking flags keep Chromium from
# calling home, which this offline network refuses.
ARGUMEN_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BATAS_MULAI_DETIK = 60
KUNCI = secrets.token_urlsafe(50)


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "pribadi"),
        DEMO_PASSWORD=SANDI,
        # As in production (the Indonesian 403 and 404 pages, static files from WhiteNoise's
        # manifest), except TLS: Chromium keeps secure cookies for http://127.0.0.1.
        DEBUG="0",
        SECRET_KEY=KUNCI,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        PYTHONUNBUFFERED="1",
    )
    return env


BUKA_2024 = """
from datetime import timedelta
from django.utils import timezone
from kinerja.models import JadwalPeriode, Periode
from organisasi.models import Organisasi
org = Organisasi.objects.get(slug="kpu-bengkulu-utara")
for p in Periode:
    JadwalPeriode.objects.create(
        organisasi=org, tahun=2024, periode=p, tanggal_tutup=timezone.localdate() + timedelta(30)
    )
"""


def _manage(folder: Path, *argumen: str) -> None:
    hasil = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *argumen],
        cwd=ROOT,
        env=_env(folder),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if hasil.returncode:
        pytest.fail(f"manage.py {' '.join(argumen)} gagal:\n{hasil.stdout}\n{hasil.stderr}")


@pytest.fixture(scope="session")
def basis_data_referensi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the 2024 reference year and the demo accounts."""
    folder = tmp_path_factory.mktemp("referensi")
    _manage(folder, "migrate", "--no-input")
    _manage(folder, "load_reference")
    _manage(folder, "create_demo_accounts")
    # Periods without a schedule close 15 days after their quarter: the journeys enter 2024
    # values, so the reference year gets a schedule still open, as an admin would give it.
    _manage(folder, "shell", "-c", BUKA_2024)
    _manage(folder, "collectstatic", "--no-input", "--verbosity", "0")
    berkas = folder / "db.sqlite3"
    # WAL mode: fold the log into the file so that one file is a complete copy.
    with sqlite3.connect(berkas) as koneksi:
        koneksi.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return berkas


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _siap(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as respons:  # noqa: S310 - our own server
            return respons.status == 200
    except OSError:
        return False


@dataclass(frozen=True)
class Server:
    url: str
    folder: Path

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="module")
def server(
    basis_data_referensi: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """gunicorn on a free 127.0.0.1 port with a fresh copy of the reference database."""
    folder = tmp_path_factory.mktemp("server")
    shutil.copy(basis_data_referensi, folder / "db.sqlite3")
    port = _port_bebas()
    url = f"http://127.0.0.1:{port}"
    log = (folder / "gunicorn.log").open("w")
    proses = subprocess.Popen(  # noqa: S603 - gunicorn from our virtualenv, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            # The LAKIP PDF takes several seconds to render.
            "--timeout",
            "180",
        ],
        cwd=ROOT,
        env=_env(folder),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        batas = time.monotonic() + BATAS_MULAI_DETIK
        while not _siap(url + "/akun/login/"):
            if proses.poll() is not None or time.monotonic() > batas:
                log.flush()
                pytest.fail(f"gunicorn tidak mulai:\n{(folder / 'gunicorn.log').read_text()}")
            time.sleep(0.2)
        yield Server(url, folder)
    finally:
        proses.terminate()
        try:
            proses.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proses.kill()
            proses.wait(timeout=15)
        log.close()


@pytest.fixture(scope="session")
def peramban() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} tidak ada: pasang paket Debian (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGUMEN_CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def csp_dipatuhi() -> Iterator[None]:
    """No page a journey opened (through peramban.konteks) logged a CSP violation."""
    PELANGGARAN_CSP.clear()
    yield
    tanpa_pelanggaran_csp()
