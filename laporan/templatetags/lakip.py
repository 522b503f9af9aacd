"""Template helpers of the LAKIP: typed narratives as paragraphs, number placeholders."""

import re
from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from inti.angka import format_angka
from inti.capaian import Arah, selisih
from kinerja.capaian import BarisCapaian
from laporan import kalimat
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


@register.simple_tag
def tercetak(
    tercetak: Mapping[str, str] | None, nilai: Any, *bagian: object, tentang: str = ""
) -> str:
    """{% tercetak d.angka_tercetak p.serapan "tabel-realisasi" p.program.kode "serapan" %}:
    the note beside a recomputed figure where the source printed another (key joined by "/")."""
    kunci = "/".join(str(b) for b in bagian)
    catatan = kalimat.catatan_tercetak((tercetak or {}).get(kunci), nilai, tentang=tentang)
    return format_html('<span class="koreksi">{}</span>', catatan) if catatan else ""


@register.filter
def daftar(nilai: object) -> list:
    """Wrap one object in a list, for partials that loop over several."""
    return [nilai]


@register.filter
def pada(kamus: Mapping[Any, Any] | None, kunci: object) -> Any:
    """{{ baris.riwayat|pada:tahun }}: a value of a mapping, None when absent."""
    return kamus.get(kunci) if kamus else None


@register.filter
def perubahan_lalu(baris: BarisCapaian) -> str:
    """The change against the previous year as a cell: a level reads "tetap BB" or
    "naik (B → BB)"; a number reads its direction and the difference of the realisasi."""
    if baris.tidak_dapat_dibandingkan:
        return kalimat.TIDAK_DAPAT_DIBANDINGKAN
    if baris.indikator.is_ordinal:
        return kalimat.perubahan_tingkat_baris(baris)
    arah = baris.arah_lalu
    beda = selisih(baris.realisasi.angka, baris.realisasi_lalu.angka)
    if arah is None or beda is None:
        return "–"
    if arah == Arah.TETAP:
        return arah.label
    return f"{arah.label} ({format_angka(beda, 2)})"
