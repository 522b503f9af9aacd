"""Background work of the monitoring: thin, plain data in (eager without a broker)."""

from celery import shared_task

from organisasi.models import Organisasi
from pantau import ekspor


@shared_task
def susun_xlsx_pantau(slug: str, tahun: int, saring: dict[str, str], kunci: str) -> str:
    """The monitoring workbook into the private storage; returns the stored name."""
    organisasi = Organisasi.objects.get(slug=slug)
    return ekspor.pantau_xlsx_simpan(organisasi=organisasi, tahun=tahun, get=saring, kunci=kunci)
