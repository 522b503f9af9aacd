from django import template

from kinerja.selectors import Nilai
from kinerja.tampilan import format_nilai
from renstra.models import IndikatorKinerja

register = template.Library()


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
