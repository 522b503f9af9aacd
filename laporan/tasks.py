"""Background tasks of the LAKIP: thin wrappers around laporan.cetak, taking plain data.

Without a broker they run in the request at once (CELERY_TASK_ALWAYS_EAGER), as the report
has always been rendered."""

from celery import shared_task

from laporan import cetak
from organisasi.models import Organisasi


@shared_task
def cetak_lakip(slug: str, tahun: int, pratinjau: bool = False) -> str:
    """One report's PDF into the cache (claimed by laporan.cetak.cetak_minta)."""
    organisasi = Organisasi.objects.get(slug=slug)
    return cetak.cetak_jalankan(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau)


@shared_task
def cetak_batch_sebar(batch_id: int) -> int:
    """Fan a batch out: one task per waiting satker, so that every worker takes a share."""
    menunggu = cetak.batch_item_menunggu(batch_id=batch_id)
    for item_id in menunggu:
        cetak_batch_item.delay(item_id)
    return len(menunggu)


@shared_task
def cetak_batch_item(item_id: int) -> str:
    return cetak.batch_item_jalankan(item_id=item_id)


@shared_task
def susun_xlsx_lakip(slug: str, tahun: int) -> str:
    """Every table of the report as XLSX into the storage; returns the stored name."""
    organisasi = Organisasi.objects.get(slug=slug)
    return cetak.lakip_xlsx_simpan(organisasi=organisasi, tahun=tahun)
