from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from inti.angka import format_angka
from inti.capaian import Rentang
from inti.grafik import WARNA_TEKS, Batang, Seri, grafik_batang_sempit, grafik_tumpuk
from inti.tampilan import tanda_kategori
from organisasi.akses import melihat_semua_unit
from organisasi.models import Organisasi
from pantau.ringkasan import IsianTriwulan

register = template.Library()
_SERI_ISIAN = (
    Seri("Diverifikasi", "#2e7d32"),
    Seri("Diisi, belum diverifikasi", "#1f5fa8"),
    Seri("Belum diisi", "#e9ecef", WARNA_TEKS),
)


@register.filter
def boleh_pantau(user) -> bool:
    """The menu's Pemantauan: for pimpinan and admins of an organisation with others below
    it. One query, only for them."""
    return (
        melihat_semua_unit(user)
        and user.organisasi_id is not None
        and Organisasi.objects.filter(induk_id=user.organisasi_id).exists()
    )


# ---------------------------------------------------------------- the page's charts


@register.simple_tag
def grafik_kategori(sebaran: list[tuple[str, int, Rentang | None]], tahun: int) -> str:
    """{% grafik_kategori sebaran tahun %}: organisations per category of average capaian."""
    return mark_safe(  # inti.grafik escapes every text it writes
        grafik_batang_sempit(
            batang=[
                Batang(
                    f"{tanda.simbol} {nama}",
                    Decimal(n),
                    "organisasi",
                    f"batang-kategori {tanda.kelas}",
                )
                for nama, n, rentang in sebaran
                for tanda in [tanda_kategori(rentang) if rentang else tanda_kategori(None)]
            ],
            judul=f"Jumlah organisasi per kategori rata-rata capaian tahun {tahun}",
            kode="grafik-kategori",
            warna="#2f5d8a",
            format_nilai=format_angka,
        )
    )


@register.simple_tag
def grafik_isian(isian: list[IsianTriwulan], tahun: int) -> str:
    """{% grafik_isian isian tahun %}: each quarter's expected values by state."""
    return mark_safe(  # inti.grafik escapes every text it writes
        grafik_tumpuk(
            baris=[
                (
                    t.label,
                    (t.diverifikasi, t.belum_diverifikasi, t.belum_diisi),
                    f"{format_angka(t.diverifikasi)} dari {format_angka(t.diharapkan)} "
                    "diverifikasi",
                )
                for t in isian
            ],
            seri=_SERI_ISIAN,
            judul=f"Kemajuan pengisian realisasi per triwulan {tahun}",
            kode="grafik-isian",
        )
    )
