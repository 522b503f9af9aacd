"""Load test of the realisasi entry form: 20 staff members open and save their forms.

For SQLite (a fresh file in a temporary folder) and PostgreSQL (a fresh database, by
default sakip_bench on 127.0.0.1), it migrates, loads the 2024 reference year, creates 20
staff accounts, starts gunicorn on 127.0.0.1 and lets 20 threads log in through the login
page, then open the entry form of their unit and period and save it with new values, a
bounded number of times and for a bounded time. It prints the requests per second and the
95th percentile of the time to save a form, then stops gunicorn.

Environment:
  BENCH_POSTGRES_URL   the PostgreSQL database to recreate (default
                       postgres://postgres@127.0.0.1:5432/sakip_bench); "" skips PostgreSQL
  BENCH_SAVES          saves per simulated staff member (default 10)
  BENCH_SECONDS        time limit of the load phase per database (default 120)
  BENCH_WORKERS        gunicorn workers (default 4)
"""

import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ORG = "kpu-bengkulu-utara"
UNITS = ("keuangan", "teknis", "perencanaan", "parmas")
PERIODS = ("tw1", "tw2", "tw3", "tw4")
USERS = 20
PASSWORD = "bench-kata-sandi-123"
SAVES = int(os.environ.get("BENCH_SAVES", "10"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "120"))
WORKERS = os.environ.get("BENCH_WORKERS", "4")
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sakip_bench")

CREATE_USERS = f"""
import django
django.setup()
from organisasi.models import Organisasi, Pengguna, UnitKerja
org = Organisasi.objects.get(slug="{ORG}")
for i in range({USERS}):
    unit = UnitKerja.objects.get(organisasi=org, slug={UNITS!r}[i % {len(UNITS)}])
    user, _ = Pengguna.objects.get_or_create(username=f"bench-staf-{{i}}")
    user.organisasi, user.unit_kerja, user.peran = org, unit, "staf"
    user.set_password("{PASSWORD}")
    user.save()
"""


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        # Several processes share one SQLite file or PostgreSQL: keep connections open.
        CONN_MAX_AGE="60",
        LOG_LEVEL="ERROR",
        # The bench logs in far more often than people do; never lock it out.
        AXES_FAILURE_LIMIT="1000",
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    # Fixed argument lists of our own, no shell.
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def _prepare(env: dict[str, str]) -> None:
    _run([PYTHON, "manage.py", "migrate", "--no-input"], env)
    _run([PYTHON, "manage.py", "load_reference"], env)
    _run([PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], env)
    _run([PYTHON, "-c", CREATE_USERS], env)


def _recreate_postgres(url: str) -> None:
    import psycopg

    nama = urlparse(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", nama):
        raise SystemExit(f"Nama database tidak aman: {nama!r}")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {nama} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {nama}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: int = 0
    save_times: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def count(self, status: int) -> None:
        with self.lock:
            self.requests += 1
            self.statuses[status] = self.statuses.get(status, 0) + 1


class Client:
    """A tiny HTTP client that keeps cookies itself (the app marks them Secure)."""

    def __init__(self, port: int, stats: Stats) -> None:
        self.port, self.stats, self.cookies = port, stats, {}

    def request(self, method: str, path: str, data: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        content = resp.read().decode("utf-8", errors="replace")
        for header, value in resp.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        self.stats.count(resp.status)
        return resp.status, resp.getheader("Location"), content


_INPUT = re.compile(r"<input([^>]*)>")
_TEXTAREA = re.compile(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.S)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def _form_fields(html: str) -> dict[str, str]:
    """The fields of the entry form (the first form on the page), as a browser sends them."""
    form = html.split('enctype="multipart/form-data"', 1)[-1].split("</form>", 1)[0]
    data = {}
    for attrs in _INPUT.findall(form):
        a = dict(_ATTR.findall(attrs))
        if "name" in a and a.get("type") != "file":
            data[a["name"]] = a.get("value", "")
    for name, text in _TEXTAREA.findall(form):
        data[name] = text.strip()
    return data


def _staff(i: int, port: int, stats: Stats, deadline: float) -> None:
    client = Client(port, stats)
    try:
        _, _, page = client.request("GET", "/akun/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _, _ = client.request(
            "POST",
            "/akun/login/",
            {"csrfmiddlewaretoken": token, "username": f"bench-staf-{i}", "password": PASSWORD},
        )
        if status != 302:
            raise RuntimeError(f"login gagal: {status}")
        unit = UNITS[i % len(UNITS)]
        period = PERIODS[(i // len(UNITS)) % len(PERIODS)]
        path = f"/kinerja/{ORG}/{unit}/2024/{period}/"
        rng = random.Random(i)
        for _ in range(SAVES):
            if time.monotonic() > deadline:
                break
            status, _, page = client.request("GET", path)
            data = _form_fields(page)
            for name in data:
                if name.endswith("-nilai"):
                    data[name] = f"{rng.randint(50, 100)},{rng.randint(0, 99):02d}"
            start = time.perf_counter()
            status, location, _ = client.request("POST", path, data)
            elapsed = time.perf_counter() - start
            with stats.lock:
                stats.save_times.append(elapsed)
            if status == 302:
                client.request("GET", location)
            elif status != 409:  # 409: two people saved the same value; refused by design
                raise RuntimeError(f"simpan gagal: {status}")
    except Exception as exc:  # noqa: BLE001 - reported at the end, the bench goes on
        with stats.lock:
            stats.errors.append(f"staf {i}: {exc}")


def _wait_for(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn berhenti sebelum siap")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn tidak siap")


def bench(label: str, database_url: str, folder: str) -> None:
    env = _env(database_url)
    env["PRIVATE_MEDIA_ROOT"] = f"{folder}/private"
    _prepare(env)
    port = _free_port()
    # The server's own log (409 warnings for refused concurrent saves) goes to a file.
    log = open(f"{folder}/gunicorn-{label}.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(  # noqa: S603 - a fixed argument list, no shell
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            WORKERS,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        _wait_for(port, proc)
        stats = Stats()
        deadline = time.monotonic() + SECONDS
        threads = [
            threading.Thread(target=_staff, args=(i, port, stats, deadline)) for i in range(USERS)
        ]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=SECONDS + 60)
        elapsed = time.perf_counter() - start
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    times = sorted(stats.save_times)
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else float("nan")
    print(
        f"{label}: {stats.requests} permintaan dalam {elapsed:.1f} s = "
        f"{stats.requests / elapsed:.1f} permintaan/s; simpan formulir: {len(times)} kali, "
        f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
        f"status {dict(sorted(stats.statuses.items()))} (409: dua staf menyimpan nilai yang "
        "sama bersamaan; ditolak dengan pesan)"
    )
    for error in stats.errors:
        print(f"  galat: {error}")
    if stats.errors:
        raise SystemExit(1)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sakip-bench-") as folder:
        bench("SQLite", f"sqlite:///{folder}/bench.sqlite3", folder)
        if not POSTGRES:
            return
        import psycopg

        try:
            _recreate_postgres(POSTGRES)
        except psycopg.OperationalError as exc:  # no server there
            print(f"PostgreSQL dilewati: {exc}")
            return
        bench("PostgreSQL", POSTGRES, folder)


if __name__ == "__main__":
    main()
