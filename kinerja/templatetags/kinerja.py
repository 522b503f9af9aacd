from decimal import Decimal

from django import template

from inti import tampilan
from inti.capaian import SKALA_CAPAIAN_BAKU, Rentang, Status
from inti.tampilan import format_nilai
from kinerja.capaian import Nilai
from kinerja.models import Realisasi
from renstra.models import IndikatorKinerja

register = template.Library()
SERATUS = Decimal(100)


@register.filter
def nilai_indikator(nilai: Nilai | None, indikator: IndikatorKinerja) -> str:
    """{{ baris.target|nilai_indikator:baris.indikator }} → "100 %", "BB", "80"."""
    if nilai is None:
        return ""
    return format_nilai(
        tipe=indikator.tipe,
        angka=nilai.angka,
        kode_tingkat=nilai.tingkat.kode if nilai.tingkat else None,
        angka_atas=nilai.angka_atas,
    )


@register.filter
def nilai_realisasi(realisasi: Realisasi | None) -> str:
    """{{ realisasi|nilai_realisasi }} → "96,7 %", "BB"; empty without a value."""
    if realisasi is None:
        return ""
    return format_nilai(
        tipe=realisasi.indikator.tipe,
        angka=realisasi.nilai,
        kode_tingkat=realisasi.tingkat.kode if realisasi.tingkat_id else None,
    )


_WARNA_STATUS = {
    Realisasi.Status.DRAF: "text-bg-secondary",
    Realisasi.Status.DIAJUKAN: "text-bg-info",
    Realisasi.Status.DIKEMBALIKAN: "text-bg-warning",
    Realisasi.Status.DIVERIFIKASI: "text-bg-success",
}


@register.filter
def warna_status(status: str) -> str:
    """{{ r.status|warna_status }} → the Bootstrap badge class of a realisasi status."""
    return _WARNA_STATUS.get(status, "text-bg-light")


@register.inclusion_tag("kinerja/_kategori.html")
def lencana_kategori(rentang: Rentang | None, status: Status | None = None) -> dict:
    """{% lencana_kategori b.kategori b.hasil.status %}: the one capaian category badge (name,
    colour and symbol) of every page, the LAKIP and its PDF included."""
    return {"tanda": tampilan.tanda_kategori(rentang, status)}


@register.inclusion_tag("kinerja/_legenda_kategori.html")
def legenda_kategori(skala: tuple[Rentang, ...] | None = None) -> dict:
    """{% legenda_kategori skala %}: every category's badge, for the pages that show them."""
    return {"daftar": tampilan.legenda_kategori(skala or SKALA_CAPAIAN_BAKU)}


# ---------------------------------------------------------------- Beranda's charts
# Drawn on the server as SVG (inti.grafik): nothing is fetched, no script runs. Each
# chart's numbers are also in a table next to it, for screen readers and for reading exactly.
