"""Template helpers of the LAKIP: typed narratives as paragraphs, number placeholders."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from laporan.penomoran import token

register = template.Library()

# "1.", "a.", "1)", "-": a line that starts like this is an item of a list.
_BUTIR = re.compile(r"^\s*(?P<penanda>(?:[0-9]{1,2}|[a-zA-Z])[.)]|[-•➤])\s+(?P<isi>.+)$")


@register.filter
def narasi(teks: str | None) -> SafeString:
    """Paragraphs separated by blank lines; a paragraph whose lines are all list items
    becomes a list that keeps the typed markers (a., 1), ...), other lines break."""
    if not teks or not teks.strip():
        return mark_safe("")
    bagian = []
    for paragraf in re.split(r"\n\s*\n", teks.strip()):
        baris = [b.strip() for b in paragraf.splitlines() if b.strip()]
        cocok = [_BUTIR.match(b) for b in baris]
        if all(cocok):
            butir = "".join(
                f'<li><span class="penanda">{escape(c["penanda"])}</span>{escape(c["isi"])}</li>'
                for c in cocok
            )
            bagian.append(f'<ul class="butir">{butir}</ul>')
        else:
            bagian.append("<p>" + "<br>".join(escape(b) for b in baris) + "</p>")
    return mark_safe("".join(bagian))


@register.simple_tag
def no(*bagian: object) -> str:
    """{% no "tabel-s" sasaran.nomor "-capaian" %} → the number of that table, filled in by
    laporan.penomoran once the whole document is rendered. The key comes from the template
    (fixed words and counters), never from user text; token() refuses anything else."""
    return mark_safe(token("".join(str(b) for b in bagian)))  # noqa: S308 - [a-z0-9-] only


@register.filter
def daftar(nilai: object) -> list:
    """Wrap one object in a list, for partials that loop over several."""
    return [nilai]
