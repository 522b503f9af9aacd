"""Writes for rendering LAKIP PDFs on workers: one report on request, or every report below
an organisation as a batch.

Safe on several hosts: a render is claimed by a conditional UPDATE (status `menunggu` to
`berjalan`), so of two workers handed the same job (a redelivered message, a retry clicked
twice) only one renders. Idempotent: the PDF goes to the cache named by the document's
fingerprint (laporan.services.pdf_dokumen), and WeasyPrint prints the same HTML to the same
bytes, so a render run again writes nothing new. A claim older than BASI counts as abandoned
(its worker died: tasks are acknowledged late and come back) and may be claimed again.

The tasks (laporan.tasks) call these; the views enqueue a task when a claim succeeds.
"""

import logging
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from inti.galat import Ditolak, TidakBerwenang
from kinerja.models import penyimpanan_pribadi
from laporan import services
from laporan.dokumen import susun_dokumen
from laporan.models import BatchLakip, BatchLakipItem, CetakLakip, StatusCetak
from laporan.selectors import data_lakip
from laporan.xlsx import lakip_xlsx
from organisasi.akses import is_admin_organisasi, turunan_ids
from organisasi.models import Organisasi, Pengguna

logger = logging.getLogger(__name__)

# A render takes well under a minute; a claim this old belongs to a worker that died.
BASI = timedelta(minutes=15)
_FOLDER_XLSX = "lakip/xlsx"


def _bisa_diklaim(sekarang: datetime) -> Q:
    """Waiting, or claimed so long ago that its worker is taken for dead."""
    return Q(status=StatusCetak.MENUNGGU) | Q(
        status=StatusCetak.BERJALAN, mulai_pada__lt=sekarang - BASI
    )


def _aktif(sekarang: datetime) -> Q:
    """Waiting or running, recently enough to be alive."""
    return Q(status=StatusCetak.MENUNGGU, diminta_pada__gte=sekarang - BASI) | Q(
        status=StatusCetak.BERJALAN, mulai_pada__gte=sekarang - BASI
    )


def _pesan_galat(exc: Exception) -> str:
    if isinstance(exc, Ditolak):
        return exc.pesan
    return f"{type(exc).__name__}: {exc}"


def cetak_minta(*, organisasi: Organisasi, tahun: int, pratinjau: bool, sidik: str) -> bool:
    """Ask for the report's PDF to be rendered. True when this call claimed the render (the
    caller enqueues laporan.tasks.cetak_lakip), False when one is already waiting or running:
    a second request joins it."""
    kunci = {"organisasi": organisasi, "tahun": tahun, "pratinjau": pratinjau}
    sekarang = timezone.now()
    try:
        with transaction.atomic():
            CetakLakip.objects.create(
                **kunci, status=StatusCetak.MENUNGGU, sidik=sidik, diminta_pada=sekarang
            )
        return True
    except IntegrityError:
        pass  # the report has rendered before (or another request created it just now)
    diklaim = (
        CetakLakip.objects.filter(**kunci)
        .exclude(_aktif(sekarang))
        .update(
            status=StatusCetak.MENUNGGU,
            sidik=sidik,
            galat="",
            diminta_pada=sekarang,
            mulai_pada=None,
            selesai_pada=None,
        )
    )
    return diklaim == 1


def cetak_jalankan(*, organisasi: Organisasi, tahun: int, pratinjau: bool) -> str:
    """Render the report's PDF into the cache, if this worker wins the claim. Returns the
    row's status afterwards; a failure is recorded on the row (shown on the status page)."""
    kunci = {"organisasi": organisasi, "tahun": tahun, "pratinjau": pratinjau}
    mulai = timezone.now()
    diklaim = (
        CetakLakip.objects.filter(**kunci)
        .filter(_bisa_diklaim(mulai))
        .update(status=StatusCetak.BERJALAN, mulai_pada=mulai)
    )
    if not diklaim:
        return "dilewati"
    try:
        services.lakip_pdf(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau)
    except Exception as exc:
        logger.exception("PDF LAKIP %s %s gagal disusun", organisasi.slug, tahun)
        hasil = {"status": StatusCetak.GAGAL, "galat": _pesan_galat(exc)}
    else:
        hasil = {"status": StatusCetak.SELESAI, "galat": ""}
    selesai = timezone.now()
    CetakLakip.objects.filter(**kunci, status=StatusCetak.BERJALAN, mulai_pada=mulai).update(
        **hasil, selesai_pada=selesai, durasi_terakhir=selesai - mulai
    )
    return hasil["status"]


def lakip_xlsx_simpan(*, organisasi: Organisasi, tahun: int) -> str:
    """Every table of the report as XLSX into the private storage; returns the stored name.

    A workbook carries its save time, so it is named by the fingerprint of the document it
    tabulates: run again on the same data, the task finds the file and writes nothing."""
    data = data_lakip(organisasi=organisasi, tahun=tahun)
    dokumen = susun_dokumen(data)
    nama = f"{_FOLDER_XLSX}/{dokumen.nama_berkas}-{dokumen.sidik}.xlsx"
    penyimpanan = penyimpanan_pribadi()
    if not penyimpanan.exists(nama):
        tersimpan = penyimpanan.save(nama, ContentFile(lakip_xlsx(data)))
        if tersimpan != nama:  # another worker saved it meanwhile
            penyimpanan.delete(tersimpan)
    return nama


def batch_buat(*, organisasi: Organisasi, tahun: int, oleh: Pengguna) -> BatchLakip:
    """A batch rendering the year's LAKIP of every satker below the organisation, each item
    waiting. The caller enqueues laporan.tasks.cetak_batch_sebar once this has committed."""
    if not is_admin_organisasi(oleh, organisasi.pk):
        raise TidakBerwenang("Hanya admin organisasi yang dapat menyusun LAKIP satker di bawahnya.")
    satker = list(Organisasi.objects.filter(pk__in=turunan_ids(organisasi.pk)))
    if not satker:
        raise Ditolak(f"{organisasi} tidak membawahi satker lain.")
    with transaction.atomic():
        batch = BatchLakip.objects.create(organisasi=organisasi, tahun=tahun, dibuat_oleh=oleh)
        BatchLakipItem.objects.bulk_create(
            BatchLakipItem(batch=batch, organisasi=o) for o in satker
        )
    return batch


def batch_item_menunggu(*, batch_id: int) -> list[int]:
    """The batch's items still waiting: those the fan-out enqueues."""
    return list(
        BatchLakipItem.objects.filter(batch_id=batch_id, status=StatusCetak.MENUNGGU)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def batch_item_jalankan(*, item_id: int) -> str:
    """Render one satker's PDF of the batch, if this worker wins the claim; a failure is
    recorded on the item and leaves the rest of the batch running."""
    mulai = timezone.now()
    diklaim = (
        BatchLakipItem.objects.filter(pk=item_id)
        .filter(_bisa_diklaim(mulai))
        .update(status=StatusCetak.BERJALAN, mulai_pada=mulai, percobaan=F("percobaan") + 1)
    )
    if not diklaim:
        return "dilewati"
    item = BatchLakipItem.objects.select_related("batch", "organisasi").get(pk=item_id)
    try:
        pdf = services.lakip_pdf(organisasi=item.organisasi, tahun=item.batch.tahun)
    except Exception as exc:
        logger.exception(
            "PDF LAKIP %s %s (batch %s) gagal",
            item.organisasi.slug,
            item.batch.tahun,
            item.batch_id,
        )
        hasil = {
            "status": StatusCetak.GAGAL,
            "galat": _pesan_galat(exc),
            "sumber": "",
            "sha256": "",
        }
    else:
        hasil = {
            "status": StatusCetak.SELESAI,
            "galat": "",
            "sumber": pdf.sumber,
            "sha256": pdf.sha256,
        }
    BatchLakipItem.objects.filter(pk=item_id, status=StatusCetak.BERJALAN, mulai_pada=mulai).update(
        **hasil, selesai_pada=timezone.now()
    )
    return hasil["status"]


def batch_item_ulangi(*, item: BatchLakipItem, oleh: Pengguna) -> bool:
    """Put a failed item back in the queue. True when this call did (the caller enqueues
    laporan.tasks.cetak_batch_item), False when it was no longer failed (clicked twice)."""
    if not is_admin_organisasi(oleh, item.batch.organisasi_id):
        raise TidakBerwenang("Hanya admin organisasi yang dapat mengulang penyusunan.")
    return bool(
        BatchLakipItem.objects.filter(pk=item.pk, status=StatusCetak.GAGAL).update(
            status=StatusCetak.MENUNGGU, galat="", mulai_pada=None, selesai_pada=None
        )
    )


__all__ = [
    "BASI",
    "batch_buat",
    "batch_item_jalankan",
    "batch_item_menunggu",
    "batch_item_ulangi",
    "cetak_jalankan",
    "cetak_minta",
    "lakip_xlsx_simpan",
]
