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


@transaction.atomic
def skala_penilaian_ganti(*, renstra, jenis: str, rentang: list[dict]) -> bool:
    """Make the Renstra's `jenis` scale exactly these bands (nama, batas_bawah, inklusif,
    keterangan); a scale already equal is not touched. Returns whether it changed.

    A scale is judged as a whole (its bands cover every value between them), so a band
    missing from `rentang` goes, unlike rows elsewhere that a load never deletes."""
    skala, _baru = SkalaPenilaian.objects.get_or_create(renstra=renstra, jenis=jenis)
    kolom = ("nama", "batas_bawah", "inklusif", "keterangan")
    ada = set(skala.rentang.values_list(*kolom))
    mau = [tuple(r[k] for k in kolom) for r in rentang]
    if len(mau) == len(ada) and set(mau) == ada:
        return False
    skala.rentang.all().delete()
    for r in rentang:
        band = RentangPenilaian(skala=skala, **{k: r[k] for k in kolom})
        band.full_clean()
        band.save()
    return True
