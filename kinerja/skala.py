"""Default assessment scales of a Renstra."""

from django.db import transaction

from inti.capaian import SKALA_CAPAIAN_BAKU, SKALA_EFEKTIVITAS_BAKU
from kinerja.models import (
    RentangPenilaian,
    SkalaPenilaian,
)

SKALA_BAKU = {
    SkalaPenilaian.Jenis.CAPAIAN: SKALA_CAPAIAN_BAKU,
    SkalaPenilaian.Jenis.ANGGARAN: SKALA_EFEKTIVITAS_BAKU,
}


@transaction.atomic
def skala_penilaian_pasang_baku(*, renstra) -> list[str]:
    """Give a Renstra the default scales it does not have yet; returns what was created."""
    dibuat = []
    for jenis, rentang in SKALA_BAKU.items():
        skala, baru = SkalaPenilaian.objects.get_or_create(renstra=renstra, jenis=jenis)
        if not baru:
            continue
        RentangPenilaian.objects.bulk_create(
            RentangPenilaian(
                skala=skala,
                nama=r.nama,
                batas_bawah=r.batas_bawah,
                inklusif=r.inklusif,
                keterangan=r.keterangan,
            )
            for r in rentang
        )
        dibuat.append(str(SkalaPenilaian._meta.verbose_name_plural))
    return dibuat
