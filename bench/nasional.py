"""National scale on PostgreSQL: 553 synthetic satker (KPU RI, 38 provinces, 514 kab/kota)
with five years of data, the monitoring page at each level, and LAKIP batches on workers.

It recreates a scratch database beside DATABASE_URL's (its name + "_nasional"; the one
named is never touched), loads the reference year and times `buat_data_nasional`. Then:
- Pemantauan of KPU RI, one province and one kab/kota: queries per page (in process, test
  client), median and p95 over repeated requests and under 10 concurrent users, by real HTTP
  against gunicorn (BENCH_WORKERS processes) on 127.0.0.1;
- a LAKIP batch (every kab/kota of one province, at least 20) rendered by Celery workers
  started here (`celery -A config worker -c 1`, then `-c 2`) through Redis
  (BENCH_REDIS_URL, default redis://127.0.0.1:6379/5, emptied first): PDFs per minute, the
  hours a national batch of 553 would take with 8 and 32 workers at that rate per worker,
  and the peak memory (VmHWM) of a worker process.

Skips, saying why, when DATABASE_URL is not PostgreSQL (`make bench` runs every script).
Environment: BENCH_SATKER (553), BENCH_TAHUN (2020-2024), BENCH_REQUESTS (20 per page),
BENCH_WORKERS (gunicorn, 4), BENCH_PROVINSI (the batch's province, Aceh: 23 kab/kota).
"""

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CELERY = str(Path(PYTHON).with_name("celery"))
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SATKER = int(os.environ.get("BENCH_SATKER", "553"))
TAHUN = os.environ.get("BENCH_TAHUN", "2020-2024")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
WORKERS = os.environ.get("BENCH_WORKERS", "4")
PROVINSI = os.environ.get("BENCH_PROVINSI", "aceh")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
USERS = 10
NASIONAL = 553


def _scratch_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if urlparse(url).scheme not in {"postgres", "postgresql"}:
        return None
    nama = urlparse(url).path.lstrip("/") + "_nasional"
    if not re.fullmatch(r"[a-z0-9_]+", nama):
        raise SystemExit(f"Nama database tidak aman: {nama!r}")
    return url.rsplit("/", 1)[0] + "/" + nama


def _recreate(url: str) -> None:
    import psycopg

    nama = urlparse(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {nama} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {nama}")


def _environment(url: str, tmp: Path) -> None:
    """One environment for this process, gunicorn and the workers."""
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="0",
        CONN_MAX_AGE="60",
        LOG_LEVEL="ERROR",
        CELERY_BROKER_URL=REDIS,
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
    )


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _load() -> float:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG=0 serves the manifest
    call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
    mulai = time.perf_counter()
    call_command("buat_data_nasional", satker=SATKER, tahun=TAHUN, stdout=sys.stdout)
    return time.perf_counter() - mulai


def _pages() -> dict[str, str]:
    from organisasi.models import Organisasi

    tahun = int(TAHUN.split("-")[-1])
    ri = Organisasi.objects.get(slug="sintetis-kpu-ri")
    prov = Organisasi.objects.get(slug=f"sintetis-kpu-provinsi-{PROVINSI}")
    kab = Organisasi.objects.filter(induk=prov).order_by("slug").first()
    return {f"{o.nama_singkat}": f"/pantau/{o.slug}/{tahun}/" for o in (ri, prov, kab) if o}


def _session() -> tuple[str, str]:
    """A superuser's session cookie, for the test client and for HTTP."""
    from django.conf import settings
    from django.test import Client

    from organisasi.models import Organisasi, Pengguna

    user = Pengguna.objects.create_superuser(
        "bench-nasional", password="bench-kata-sandi-123", peran=Pengguna.Peran.ADMIN,
        organisasi=Organisasi.objects.get(slug="sintetis-kpu-ri"),
    )  # fmt: skip
    client = Client()
    client.force_login(user)
    return settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value


def _queries(pages: dict[str, str], cookie: tuple[str, str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[cookie[0]] = cookie[1]
    hasil = {}
    for nama, path in pages.items():
        client.get(path)  # warm
        with CaptureQueriesContext(connection) as q:
            assert client.get(path).status_code == 200, path
        hasil[nama] = len(q)
    return hasil


def _get(port: int, path: str, cookie: tuple[str, str]) -> float:
    mulai = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    conn.request("GET", path, headers={"Cookie": f"{cookie[0]}={cookie[1]}"})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    if resp.status != 200:
        raise RuntimeError(f"{path}: HTTP {resp.status}")
    return time.perf_counter() - mulai


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(  # noqa: S603 - fixed arguments of our own
        [GUNICORN, "config.wsgi", "-w", WORKERS, "-b", f"127.0.0.1:{port}", "--timeout", "300"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(120):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("gunicorn tidak mulai")


def _http(pages: dict[str, str], cookie: tuple[str, str]) -> None:
    port = _free_port()
    proc = _gunicorn(port)
    try:
        print(f"\nPemantauan over HTTP (gunicorn -w {WORKERS}); seconds per request")
        print(f"{'page':40} {'alone med':>9} {'p95':>7} {'10 users med':>12} {'p95':>7}")
        for nama, path in pages.items():
            for _ in range(2 * int(WORKERS)):
                _get(port, path, cookie)  # warm every gunicorn worker
            sendiri = [_get(port, path, cookie) for _ in range(REQUESTS)]
            with ThreadPoolExecutor(USERS) as pool:
                bersama = list(
                    pool.map(_get, [port] * USERS * 3, [path] * USERS * 3, [cookie] * USERS * 3)
                )
            print(
                f"{nama:40} {statistics.median(sendiri):9.3f} {_pct(sendiri, 95):7.3f} "
                f"{statistics.median(bersama):12.3f} {_pct(bersama, 95):7.3f}"
            )
    finally:
        proc.terminate()
        proc.wait(30)


def _children(pid: int) -> list[int]:
    anak = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            bagian = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(bagian[1]) == pid:
            anak.append(int(stat.parent.name))
    return anak


def _hwm_mb(pid: int) -> float:
    """Peak resident memory of a process (VmHWM), in MB."""
    for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
        if baris.startswith("VmHWM:"):
            return int(baris.split()[1]) / 1024
    return 0.0


def _worker(concurrency: int) -> subprocess.Popen:
    from config.celery import app

    proc = subprocess.Popen(  # noqa: S603 - fixed arguments of our own
        [CELERY, "-A", "config", "worker", "-c", str(concurrency), "-n", f"bench{concurrency}@%h",
         "--loglevel", "WARNING"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(120):
        if app.control.ping(timeout=1):
            return proc
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("worker Celery tidak mulai")


def _batch(concurrency: int, tmp: Path) -> tuple[int, int, float, float]:
    """A batch of the province's kab/kota through a fresh worker: (done, failed, seconds,
    peak MB of a worker process)."""
    from laporan import tasks
    from laporan.cetak import batch_buat
    from laporan.models import BatchLakipItem, StatusCetak
    from organisasi.models import Organisasi, Pengguna

    for pdf in (tmp / "private").rglob("*.pdf"):
        pdf.unlink()  # every render a real one, not the cache of the previous run
    prov = Organisasi.objects.get(slug=f"sintetis-kpu-provinsi-{PROVINSI}")
    batch = batch_buat(
        organisasi=prov, tahun=int(TAHUN.split("-")[-1]),
        oleh=Pengguna.objects.get(username="bench-nasional"),
    )  # fmt: skip
    proc = _worker(concurrency)
    try:
        mulai = time.perf_counter()
        tasks.cetak_batch_sebar.delay(batch.pk)
        items = BatchLakipItem.objects.filter(batch=batch)
        while items.filter(status__in=[StatusCetak.MENUNGGU, StatusCetak.BERJALAN]).exists():
            time.sleep(1)
        detik = time.perf_counter() - mulai
        puncak = max(_hwm_mb(pid) for pid in [proc.pid, *_children(proc.pid)])
    finally:
        proc.terminate()
        proc.wait(60)
    selesai = items.filter(status=StatusCetak.SELESAI).count()
    return selesai, items.filter(status=StatusCetak.GAGAL).count(), detik, puncak


def _batches(tmp: Path) -> None:
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()
    print(f"\nLAKIP batch (kab/kota of {PROVINSI}) on Celery workers, broker {REDIS}")
    per_worker = []
    for n in (1, 2):
        selesai, gagal, detik, puncak = _batch(n, tmp)
        laju = 60 * selesai / detik
        per_worker.append(laju / n)
        print(
            f"{n} worker(s): {selesai} PDF ({gagal} gagal) in {detik:.0f} s = {laju:.2f} PDF/min; "
            f"peak RSS of a worker process {puncak:.0f} MB"
        )
    laju = min(per_worker)  # the slower rate per worker, as a national run would share cores
    for w in (8, 32):
        print(f"553 satker with {w:2d} workers (one core each): {NASIONAL / (laju * w) / 60:.2f} h")


def main() -> None:
    url = _scratch_url()
    if url is None:
        print("dilewati: bench/nasional.py butuh PostgreSQL (DATABASE_URL=postgres://...)")
        return
    sys.path.insert(0, str(ROOT))
    tmp = Path(tempfile.mkdtemp(prefix="nasional-bench-"))
    _recreate(url)
    _environment(url, tmp)
    import django

    django.setup()
    beban = os.getloadavg()[0]
    print(f"database {urlparse(url).path.lstrip('/')} (recreated), {os.cpu_count()} CPU,")
    print(f"load average {beban:.1f} at the start: the machine may be shared, figures vary")
    print(f"load: {SATKER} satker x {TAHUN} in {_load():.0f} s")
    pages = _pages()
    cookie = _session()
    print("\nqueries per Pemantauan page")
    for nama, jumlah in _queries(pages, cookie).items():
        print(f"  {nama:40} {jumlah}")
    _http(pages, cookie)
    _batches(tmp)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
