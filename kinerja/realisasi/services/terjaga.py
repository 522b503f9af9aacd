"""The write machinery every realisasi service shares: the optimistic lock (an UPDATE that
only touches the version the user saw), the transaction that reports a lost race as
KonflikVersi, the history record, and the permission and open-period checks.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import Periode, Realisasi
from kinerja.realisasi.akses import boleh_memverifikasi, boleh_mengisi
from kinerja.realisasi.aturan import Konflik, konflik_versi
from kinerja.realisasi.periode import pastikan_terbuka, status_periode
from organisasi.models import Pengguna, UnitKerja


class KonflikVersi(Ditolak):
    """Someone else changed a value after this user opened it: nothing was saved."""

    def __init__(self, konflik: list[Konflik]) -> None:
        self.konflik = konflik
        bagian = [k.pesan for k in konflik]
        if not bagian:
            bagian = ["nilai sudah diubah oleh pengguna lain"]
        super().__init__(
            "Tidak ada yang disimpan: "
            + "; ".join(bagian)
            + ". Periksa nilai terbaru di bawah, lalu simpan lagi bila perlu."
        )


class VersiBerubah(Exception):
    """Raised inside the transaction so that it rolls back; reported as KonflikVersi after."""

    def __init__(self, versi: dict[int, int], tahun: int, periode: str) -> None:
        # indicator pk -> the version the user saw (0: no value yet)
        self.versi, self.tahun, self.periode = versi, tahun, periode


def _konflik(versi: dict[int, int], tahun: int, periode: str) -> list[Konflik]:
    """Rows that no longer have the version the user saw, with who holds them now."""
    return [
        k
        for r in Realisasi.objects.filter(
            indikator_id__in=list(versi), tahun=tahun, periode=periode
        ).select_related("indikator", "tingkat", "diubah_oleh")
        if (k := konflik_versi(r, indikator=r.indikator, versi_dilihat=versi[r.indikator_id]))
    ]


@contextmanager
def atomik(
    *, baru: dict[int, int] | None = None, tahun: int = 0, periode: str = ""
) -> Iterator[None]:
    """A transaction whose lost races are reported, after the rollback, as KonflikVersi.

    `baru` are the rows being created (indicator pk -> 0): a unique violation on one of them
    means someone else created it first.
    """
    try:
        with transaction.atomic():
            yield
    except VersiBerubah as exc:
        raise KonflikVersi(_konflik(exc.versi, exc.tahun, exc.periode)) from None
    except IntegrityError:
        konflik = _konflik(baru, tahun, periode) if baru else []
        if not konflik:
            raise
        raise KonflikVersi(konflik) from None


def pastikan_unit_terbuka(
    *, unit_kerja: UnitKerja, tahun: int, periode: str, hari_ini: date | None = None
) -> None:
    status = status_periode(
        organisasi=unit_kerja.organisasi, tahun=tahun, unit_kerja=unit_kerja, hari_ini=hari_ini
    )[Periode(periode)]
    pastikan_terbuka(status, tahun=tahun, untuk=unit_kerja.nama)


def pastikan_boleh_mengisi(pengguna: Pengguna, unit_kerja: UnitKerja, tindakan: str) -> None:
    if not boleh_mengisi(pengguna, unit_kerja):
        raise TidakBerwenang(
            f"Hanya staf {unit_kerja.nama} atau admin yang dapat {tindakan} realisasi "
            f"{unit_kerja.nama}."
        )


def pastikan_boleh_memverifikasi(pengguna: Pengguna, unit_kerja: UnitKerja, tindakan: str) -> None:
    if not boleh_memverifikasi(pengguna, unit_kerja):
        raise TidakBerwenang(
            f"Hanya Kepala {unit_kerja.nama}, pimpinan, atau admin yang dapat {tindakan} "
            f"realisasi {unit_kerja.nama}."
        )


def _case(pasangan: dict[int, Any], field: models.Field) -> Cast | Case:
    """One CASE over primary keys, as QuerySet.bulk_update builds it."""
    kasus = Case(
        *(When(pk=pk, then=Value(v, output_field=field)) for pk, v in pasangan.items()),
        output_field=field,
    )
    if connection.features.requires_casted_case_in_updates:
        return Cast(kasus, output_field=field)
    return kasus


BARIS_PER_UPDATE = 250


def perbarui_terjaga(
    baris: list[Realisasi], ubah: dict[str, Any], nilai_per_baris: dict[str, dict[int, Any]]
) -> int:
    """UPDATE ... WHERE (id, versi) match what the user saw: the optimistic lock.

    One statement per batch of rows (one for any form; an import of thousands of rows stays
    within the database's limits on parameters and expression depth); the number of rows it
    touched tells whether anyone else changed one of them in between.
    """
    if not baris:
        return 0
    ukuran = _baris_per_update(len(nilai_per_baris))
    disentuh = 0
    for awal in range(0, len(baris), ukuran):
        potongan = baris[awal : awal + ukuran]
        cocok = Q()
        for r in potongan:
            cocok |= Q(pk=r.pk, versi=r.versi)
        kolom = {
            # Concrete columns of Realisasi; get_field is typed for relations too.
            nama: _case({r.pk: nilai[r.pk] for r in potongan}, Realisasi._meta.get_field(nama))  # type: ignore[arg-type]
            for nama, nilai in nilai_per_baris.items()
        }
        disentuh += Realisasi.objects.filter(cocok).update(versi=F("versi") + 1, **ubah, **kolom)
    return disentuh


def _baris_per_update(jumlah_kolom: int) -> int:
    """How many rows one guarded UPDATE carries. Each row adds a WHEN per column that the
    database walks for every row of the statement, so batches stay small (250 rows: an
    import of 5,000 changes takes twenty statements). SQLite also limits the number of
    parameters (per row: id and versi in the WHERE clause, id and value in each CASE) and the
    depth of an expression (the WHERE clause is a chain of ORs); Django's own figure of 999
    parameters predates SQLite 3.32, so the library is asked."""
    if connection.vendor != "sqlite":
        return BARIS_PER_UPDATE
    connection.ensure_connection()
    db = connection.connection
    variabel: int = db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    kedalaman: int = db.getlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH)
    batas = min(variabel // (2 + 2 * jumlah_kolom), kedalaman // 2) - 1
    return max(1, min(BARIS_PER_UPDATE, batas))


def catat_riwayat(
    objs: list[Realisasi], *, pengguna: Pengguna | None, alasan: str, baru: bool = False
) -> None:
    if objs:
        Realisasi.history.bulk_history_create(
            objs, update=not baru, default_user=pengguna, default_change_reason=alasan
        )


def realisasi_periode(*, unit_kerja: UnitKerja, tahun: int, periode: str) -> QuerySet[Realisasi]:
    return Realisasi.objects.filter(indikator__unit_kerja=unit_kerja, tahun=tahun, periode=periode)


def ubah_status(
    baris: list[Realisasi],
    *,
    pengguna: Pengguna,
    status: str,
    alasan: str,
    tahun: int,
    periode: str,
    catatan: str | None = None,
) -> None:
    sekarang = timezone.now()
    ubah = {"status": status, "diubah_oleh": pengguna, "diubah_pada": sekarang}
    if catatan is not None:
        ubah["catatan_verifikasi"] = catatan
    if perbarui_terjaga(baris, ubah, {}) != len(baris):
        raise VersiBerubah({r.indikator_id: r.versi for r in baris}, tahun, periode)
    for r in baris:
        r.versi += 1
        for nama, nilai in ubah.items():
            setattr(r, nama, nilai)
    catat_riwayat(baris, pengguna=pengguna, alasan=alasan)
