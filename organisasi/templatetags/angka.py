"""Template filters over inti.angka: the one Indonesian number format for every page."""

from decimal import Decimal

from django import template

from inti import angka as _angka

register = template.Library()


@register.filter
def angka(nilai: Decimal | int | None, desimal: int = 0) -> str:
    """{{ x|angka }} → 1.234.567; {{ x|angka:2 }} → 1.234.567,89; empty for None."""
    return "" if nilai is None else _angka.format_angka(nilai, int(desimal))


@register.filter
def persen(nilai: Decimal | int | None, desimal: int = 2) -> str:
    """{{ x|persen }} → 96,70 %; empty for None."""
    return "" if nilai is None else _angka.format_persen(nilai, int(desimal))


@register.filter
def rupiah(nilai: Decimal | int | None) -> str:
    """{{ x|rupiah }} → Rp57.487.073.000; empty for None."""
    return "" if nilai is None else _angka.format_rupiah(nilai)
