"""How an official's name is printed under a signature."""

from django import template

register = template.Library()


@register.filter
def nama_ttd(nama: str) -> str:
    """ "Samsul Bahri, S.Sos" → "SAMSUL BAHRI, S.Sos": the name in capitals, the academic
    titles after the first comma as written (as the reference's signature blocks print)."""
    if not nama:
        return ""
    orang, koma, gelar = nama.partition(",")
    return f"{orang.upper()}{koma}{gelar}"
