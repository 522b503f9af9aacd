"""Reads for the background renders: how far a report's PDF or a batch has come."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from laporan.cetak import BASI
from laporan.models import BatchLakip, BatchLakipItem, CetakLakip, StatusCetak
from organisasi.models import Organisasi


@dataclass(frozen=True)
class KemajuanCetak:
    status: str
    label: str
    aktif: bool  # waiting or running, and not abandoned
    detik: int  # since it was asked for (waiting) or started (running)
    perkiraan: int | None  # seconds the previous render of this report took
    galat: str

    @property
    def persen(self) -> int:
        """A rough progress figure for the bar: WeasyPrint reports none of its own."""
        if self.status != StatusCetak.BERJALAN or not self.perkiraan:
            return 0
        return min(95, self.detik * 100 // self.perkiraan)


def _detik_sejak(waktu: datetime | None, sekarang: datetime) -> int:
    return int((sekarang - waktu).total_seconds()) if waktu else 0


def cetak_kemajuan(*, organisasi: Organisasi, tahun: int, pratinjau: bool) -> KemajuanCetak | None:
    """The last render asked for this report's PDF, or None when none ever was (one query)."""
    cetak = CetakLakip.objects.filter(
        organisasi=organisasi, tahun=tahun, pratinjau=pratinjau
    ).first()
    if cetak is None:
        return None
    sekarang = timezone.now()
    sejak = cetak.mulai_pada if cetak.status == StatusCetak.BERJALAN else cetak.diminta_pada
    detik = _detik_sejak(sejak, sekarang)
    aktif = cetak.status in (StatusCetak.MENUNGGU, StatusCetak.BERJALAN) and (
        detik < BASI.total_seconds()
    )
    perkiraan = cetak.durasi_terakhir
    return KemajuanCetak(
        status=cetak.status,
        label=str(StatusCetak(cetak.status).label),
        aktif=aktif,
        detik=detik,
        perkiraan=max(1, int(perkiraan.total_seconds())) if perkiraan else None,
        galat=cetak.galat,
    )


@dataclass(frozen=True)
class KemajuanBatch:
    batch: BatchLakip
    item: list[BatchLakipItem]
    jumlah: dict[str, int]  # per status, every status present

    @property
    def selesai(self) -> bool:
        """Nothing waits or runs any more (failures may remain, each with its retry)."""
        return not (self.jumlah[StatusCetak.MENUNGGU] or self.jumlah[StatusCetak.BERJALAN])

    @property
    def persen(self) -> int:
        total = len(self.item)
        tuntas = self.jumlah[StatusCetak.SELESAI] + self.jumlah[StatusCetak.GAGAL]
        return tuntas * 100 // total if total else 100


def batch_kemajuan(*, batch: BatchLakip) -> KemajuanBatch:
    """Every satker of the batch with its status, and the count per status (one query)."""
    item = list(
        BatchLakipItem.objects.filter(batch=batch)
        .select_related("organisasi")
        .order_by("organisasi__nama")
    )
    hitung = Counter(i.status for i in item)
    return KemajuanBatch(
        batch=batch, item=item, jumlah={s: hitung.get(s, 0) for s in StatusCetak.values}
    )


__all__ = ["KemajuanBatch", "KemajuanCetak", "batch_kemajuan", "cetak_kemajuan"]
