"""Small builders shared by tests that need more data than the reference year has."""

from kinerja.capaian import perjanjian_berlaku
from kinerja.models import PerjanjianKinerja, Realisasi, TargetKinerja
from kinerja.perjanjian.services import perjanjian_catat_ditandatangani
from renstra.models import IndikatorKinerja


def versi_baru(org, tahun: int = 2024) -> PerjanjianKinerja:
    """A draft next version of the organisation's agreement in force, with its targets.

    Signed agreements cannot gain targets (the database refuses), so tests that need more
    indicators in force add them to this draft and then sign it with `sahkan`."""
    berlaku = perjanjian_berlaku(organisasi=org, tahun=tahun)
    baru = PerjanjianKinerja.objects.create(
        organisasi=org, tahun=tahun, versi=berlaku.versi + 1, tempat=berlaku.tempat,
        tanggal=berlaku.tanggal, pihak_pertama=berlaku.pihak_pertama,
        pihak_kedua=berlaku.pihak_kedua,
    )  # fmt: skip
    TargetKinerja.objects.bulk_create(
        TargetKinerja(
            perjanjian=baru,
            indikator_id=t.indikator_id,
            nilai=t.nilai,
            tingkat_id=t.tingkat_id,
            urutan=t.urutan,
        )  # fmt: skip
        for t in berlaku.target.all()
    )
    return baru


def sahkan(perjanjian: PerjanjianKinerja) -> None:
    perjanjian_catat_ditandatangani(perjanjian=perjanjian)
    perjanjian.refresh_from_db()


def sepuluh_kali_indikator(org) -> None:
    """A signed version 3 carrying every indicator of version 2 and nine copies of each,
    with targets and verified values."""
    v3 = versi_baru(org)
    asal = list(v3.target.select_related("indikator"))
    for salinan in range(1, 10):
        for t in asal:
            ind = t.indikator
            baru = IndikatorKinerja.objects.create(
                sasaran=ind.sasaran, kode=f"{ind.kode}-{salinan}", nama=f"{ind.nama} ({salinan})",
                tipe=ind.tipe, skala=ind.skala, polaritas=ind.polaritas, urutan=ind.urutan + 100,
            )  # fmt: skip
            TargetKinerja.objects.create(
                perjanjian=v3, indikator=baru, nilai=t.nilai, tingkat=t.tingkat, urutan=t.urutan
            )
            lama = Realisasi.objects.filter(indikator=ind, tahun=2024).first()
            if lama:
                Realisasi.objects.create(
                    indikator=baru, tahun=2024, periode="tahunan", nilai=lama.nilai,
                    tingkat=lama.tingkat, status=Realisasi.Status.DIVERIFIKASI,
                )  # fmt: skip
    sahkan(v3)
