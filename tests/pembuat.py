"""Small builders shared by tests that need more data than the reference year has."""

from kinerja.models import PerjanjianKinerja, Realisasi, TargetKinerja
from renstra.models import IndikatorKinerja


def sepuluh_kali_indikator(org) -> None:
    """A signed version 3 carrying every indicator of version 2 and nine copies of each,
    with targets and verified values (signed agreements cannot gain targets)."""
    v2 = PerjanjianKinerja.objects.get(organisasi=org, tahun=2024, unit_kerja=None, versi=2)
    v3 = PerjanjianKinerja.objects.create(
        organisasi=org, tahun=2024, versi=3, tempat=v2.tempat, tanggal=v2.tanggal,
        pihak_pertama=v2.pihak_pertama, pihak_kedua=v2.pihak_kedua,
    )  # fmt: skip
    asal = list(v2.target.select_related("indikator"))
    for t in asal:
        TargetKinerja.objects.create(
            perjanjian=v3, indikator=t.indikator, nilai=t.nilai, tingkat=t.tingkat, urutan=t.urutan
        )
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
    v3.status = PerjanjianKinerja.Status.DITANDATANGANI
    v3.save(update_fields=["status"])
