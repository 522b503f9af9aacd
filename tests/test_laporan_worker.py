"""The LAKIP tasks through a real Celery worker and a Redis broker, as in production: the
messages are serialised to JSON, go through Redis and are run by a worker (celery's embedded
test worker, solo pool, in a thread of this process).

The worker uses this test's database connection, as Django's live server does for its
threads: the test's data live in its transaction, which no other connection can see. The
main thread only waits while a task runs, so the connection is never used by both at once.

Needs Redis (127.0.0.1:6379, or SAKIP_UJI_REDIS); skipped without it unless SAKIP_UJI_WORKER=1,
which .ci/run sets after starting redis-server, so that CI cannot skip it silently.
"""

import os
import socket
import threading
from collections import Counter
from urllib.parse import urlparse

import pytest
from celery.contrib.testing.worker import start_worker
from celery.fixups.django import DjangoWorkerFixup
from celery.signals import task_postrun, task_prerun
from django.db import connections

from config.celery import app
from laporan import cetak, tasks
from laporan.models import BatchLakip, CetakLakip, StatusCetak
from laporan.nasional import data_nasional_buat
from organisasi.models import Organisasi, Pengguna
from tests.pembuat import final_berubah, pengguna, satker_baru

# Database 13 by default: the test empties it first, so it must be one nothing else uses.
REDIS = os.environ.get("SAKIP_UJI_REDIS", "redis://127.0.0.1:6379/13")

pytestmark = [pytest.mark.django_db, pytest.mark.worker]


def _redis_ada() -> bool:
    alamat = urlparse(REDIS)
    try:
        with socket.create_connection((alamat.hostname, alamat.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def _broker(**conf) -> None:
    """Switch the app to another broker (or to eager). Connections and the producer pool
    made for the old one are dropped, as Celery does after a fork: an eager test run
    earlier in the session leaves a producer pool that would publish to the old URL."""
    app.conf.update(**conf)
    app.close()
    app.amqp._producer_pool = None


@pytest.fixture
def pekerja(monkeypatch):
    """A worker consuming from Redis; yields `tunggu(n)`, which blocks until n more tasks of
    this module's app have finished (or fails after 120 s)."""
    if not _redis_ada():
        if os.environ.get("SAKIP_UJI_WORKER") == "1":
            pytest.fail(f"Redis tidak dapat dihubungi di {REDIS}")
        pytest.skip(f"Redis tidak dapat dihubungi di {REDIS}")
    lama = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    # Celery's Django fixup closes every connection when the pool starts and around each task
    # (a forked worker must not reuse its parent's): here that is the test's own connection.
    monkeypatch.setattr(DjangoWorkerFixup, "_close_database", lambda self: None)
    monkeypatch.setattr(DjangoWorkerFixup, "on_worker_process_init", lambda self, **kw: None)
    _broker(broker_url=REDIS, task_always_eager=False)
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()  # messages left by an interrupted run

    utama = connections["default"]
    utama.inc_thread_sharing()
    selesai = Counter[str]()
    syarat = threading.Condition()

    def pinjam(**kwargs):
        connections["default"] = utama

    def kembalikan(task=None, **kwargs):
        del connections["default"]
        with syarat:
            selesai[task.name] += 1
            syarat.notify_all()

    def tunggu(nama: str, jumlah: int) -> None:
        with syarat:
            if not syarat.wait_for(lambda: selesai[nama] >= jumlah, timeout=120):
                pytest.fail(f"{nama}: {selesai[nama]} dari {jumlah} tugas selesai")

    task_prerun.connect(pinjam, weak=False)
    task_postrun.connect(kembalikan, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield tunggu
    finally:
        task_prerun.disconnect(pinjam)
        task_postrun.disconnect(kembalikan)
        utama.dec_thread_sharing()
        _broker(**lama)


def test_it_renders_through_a_worker_and_reports_the_failing_satker(pekerja, ruang_pribadi):
    provinsi = satker_baru("prov-uji")
    satker_baru("kab-a-uji", induk=provinsi)
    final_berubah(satker_baru("kab-b-uji", induk=provinsi))
    admin = pengguna("admin-prov-uji", organisasi=provinsi, peran=Pengguna.Peran.ADMIN)

    # One report: claimed here, rendered by the worker.
    assert cetak.cetak_minta(organisasi=provinsi, tahun=2024, pratinjau=False, sidik="")
    tasks.cetak_lakip.delay("prov-uji", 2024, False)
    pekerja("laporan.tasks.cetak_lakip", 1)
    assert CetakLakip.objects.get().status == StatusCetak.SELESAI
    assert list((ruang_pribadi / "lakip" / "cache").glob("lakip-prov-uji-2024-*.pdf"))

    # Every report below it: fanned out by one task, one task per satker.
    batch = cetak.batch_buat(organisasi=provinsi, tahun=2024, oleh=admin)
    tasks.cetak_batch_sebar.delay(batch.pk)
    pekerja("laporan.tasks.cetak_batch_item", 2)
    status = dict(
        BatchLakip.objects.get().item.values_list("organisasi__slug", "status").order_by()
    )
    assert status == {"kab-a-uji": StatusCetak.SELESAI, "kab-b-uji": StatusCetak.GAGAL}


def test_it_renders_a_generated_province_through_a_worker(pekerja):
    """The national data's small version: a generated province and its kab/kota, one of
    them failing; the worker reports that one and renders the rest."""
    data_nasional_buat(jumlah=4, tahun=(2024, 2024))
    provinsi = Organisasi.objects.get(slug="sintetis-kpu-provinsi-aceh")
    kab = list(Organisasi.objects.filter(induk=provinsi).order_by("slug"))
    final_berubah(kab[-1])
    admin = pengguna("admin-aceh", organisasi=provinsi, peran=Pengguna.Peran.ADMIN)

    batch = cetak.batch_buat(organisasi=provinsi, tahun=2024, oleh=admin)
    tasks.cetak_batch_sebar.delay(batch.pk)
    pekerja("laporan.tasks.cetak_batch_item", len(kab))

    status = dict(batch.item.values_list("organisasi__slug", "status").order_by())
    assert status == {kab[0].slug: StatusCetak.SELESAI, kab[1].slug: StatusCetak.GAGAL}
