"""What the LAKIP tells the LKE: whether the year's report was finalised, and on time.

Registered with evaluasi.sumber when Django starts (LaporanConfig.ready), because evaluasi
sits below laporan and may not import it.
"""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from evaluasi.saran import tanggal_id
from evaluasi.sumber import Dokumen, Saran
from laporan.models import LaporanFinal
from organisasi.models import Organisasi


def batas_laporan(tahun: int) -> date:
    """Perpres 29/2014 Pasal 19: the LAKIP is delivered by 31 March of the next year."""
    return date(tahun + 1, 3, 31)


def _final(organisasi: Organisasi, tahun: int) -> list[LaporanFinal]:
    return list(
        LaporanFinal.objects.filter(laporan__organisasi=organisasi, laporan__tahun=tahun).order_by(
            "versi"
        )
    )


def saran_laporan(organisasi: Organisasi, tahun: int) -> list[Saran]:
    final = _final(organisasi, tahun)
    berlaku = [f for f in final if f.dibuka_pada is None]
    batas = batas_laporan(tahun)
    if not final:
        rincian: tuple[str, ...] = (f"LAKIP {tahun} belum difinalkan.",)
        return [
            Saran("laporan_difinalkan", "Laporan kinerja telah disusun", Decimal(0), rincian),
            Saran(
                "laporan_tepat_waktu",
                "Laporan kinerja disampaikan tepat waktu",
                Decimal(0),
                (*rincian, f"Batas penyampaian: {tanggal_id(batas)} (Perpres 29/2014)."),
            ),
        ]
    pertama = timezone.localdate(final[0].difinalkan_pada)
    disusun = (
        f"LAKIP {tahun} difinalkan pada {tanggal_id(pertama)} (versi 1).",
        (
            f"Versi berlaku: {berlaku[0].versi}, SHA-256 {berlaku[0].sha256[:16]}…"
            if berlaku
            else "Saat ini dibuka kembali untuk perbaikan; belum ada versi yang berlaku."
        ),
    )
    telat = (pertama - batas).days
    waktu = (
        f"Batas penyampaian: {tanggal_id(batas)} (Perpres 29/2014).",
        f"Difinalkan pertama kali {tanggal_id(pertama)}: "
        + ("tepat waktu." if telat <= 0 else f"terlambat {telat} hari."),
    )
    return [
        Saran(
            "laporan_difinalkan",
            "Laporan kinerja telah disusun",
            Decimal(1 if berlaku else 0),
            disusun,
        ),
        Saran(
            "laporan_tepat_waktu",
            "Laporan kinerja disampaikan tepat waktu",
            Decimal(1 if telat <= 0 else 0),
            waktu,
        ),
    ]


def dokumen_laporan(organisasi: Organisasi, tahun: int) -> list[Dokumen]:
    alamat = reverse("laporan:lakip", args=[organisasi.slug, tahun])
    return [Dokumen(alamat, f"LAKIP {tahun}")]
