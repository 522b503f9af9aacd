"""The numbering pass: tables and figures numbered 1 to n in the order they appear, and the
Daftar Isi, Daftar Tabel and Daftar Gambar built from what the document really contains.

Templates write an empty placeholder element <span data-nomor="id"></span> wherever a number
belongs (the caption and any reference in the text), <div data-daftar="isi"></div> where a list
goes, and mark headings with data-toc. After rendering, this pass reads the captions in
document order, numbers them per kind, fills every placeholder and writes the lists.

Only markup can form a placeholder: text a user typed reaches this pass HTML-escaped, so it
holds no `<` and no `"` and is left exactly as typed, whatever it contains (a kendala
`Kendala ⟦x⟧` used to be taken for a token and broke the whole report). The page
numbers of the lists are left to WeasyPrint (target-counter in the print stylesheet), so they
are the pages where the headings and tables really are.
"""

import re
from dataclasses import dataclass
from html import escape

DAFTAR_ISI = '<div data-daftar="isi"></div>'
DAFTAR_TABEL = '<div data-daftar="tabel"></div>'
DAFTAR_GAMBAR = '<div data-daftar="gambar"></div>'
# The element that opens the body: the template marks it so (lakip.css numbers it in arabic).
AWAL_ISI = '<div class="utama">'

_TOKEN = re.compile(r'<span data-nomor="([a-z0-9-]+)"></span>')
# "Tabel 3" never wraps between word and number: a lone digit at a line start reads as noise.
_SEBELUM_TOKEN = re.compile(r'\b(Tabel|Gambar) (?=<span data-nomor=")')
_KETERANGAN = re.compile(
    r'class="keterangan"[^>]*>(?P<jenis>Tabel|Gambar) '
    r'<span data-nomor="(?P<id>[a-z0-9-]+)"></span>'
    r": (?P<teks>.*?)</(?:p|figcaption)>",
    re.S,
)
_JUDUL = re.compile(
    r"<(?P<tag>h[1-4]|span)\b(?P<attr>[^>]*)\bdata-toc=\"(?P<teks>[^\"]*)\"(?P<attr2>[^>]*)>"
)
_ATRIBUT = re.compile(r'([\w-]+)="([^"]*)"')


class PenomoranGagal(ValueError):
    """A reference to a table or figure that the document does not contain."""


def token(kunci: str) -> str:
    """The placeholder of a table's or figure's number (kunci: [a-z0-9-]+, from templates)."""
    if not re.fullmatch(r"[a-z0-9-]+", kunci):
        raise PenomoranGagal(f"Kunci penomoran tidak sah: {kunci!r}.")
    return f'<span data-nomor="{kunci}"></span>'


@dataclass(frozen=True)
class Entri:
    href: str
    teks: str
    tingkat: int
    romawi: bool


def _awal_isi(html: str) -> int:
    """Where the body (arabic page numbers) starts; before it, pages are numbered in roman."""
    posisi = html.find(AWAL_ISI)
    return len(html) if posisi < 0 else posisi


def _entri_judul(html: str) -> list[Entri]:
    entri = []
    awal_isi = _awal_isi(html)
    for m in _JUDUL.finditer(html):
        attr = dict(_ATRIBUT.findall(m["attr"] + " " + m["attr2"]))
        href = attr.get("data-toc-href") or "#" + attr["id"]
        tingkat = int(attr.get("data-toc-level") or m["tag"][1:])
        entri.append(Entri(href, m["teks"], tingkat, m.start() < awal_isi))
    return entri


def _daftar(entri: list[Entri], kelas: str) -> str:
    if not entri:
        return '<p class="kosong">Tidak ada.</p>'
    butir = "".join(
        f'<li class="tingkat-{e.tingkat}"><a href="{escape(e.href)}"'
        + (' class="romawi"' if e.romawi else "")
        + f">{e.teks}</a></li>"
        for e in entri
    )
    return f'<ol class="{kelas}">{butir}</ol>'


def beri_nomor(html: str) -> str:
    """Number the captions, fill every token, and write the three lists."""
    nomor: dict[str, int] = {}
    awal_isi = _awal_isi(html)
    hitung = {"Tabel": 0, "Gambar": 0}
    daftar: dict[str, list[Entri]] = {"Tabel": [], "Gambar": []}
    for m in _KETERANGAN.finditer(html):
        if m["id"] in nomor:
            raise PenomoranGagal(f"Keterangan {m['id']} muncul dua kali.")
        hitung[m["jenis"]] += 1
        nomor[m["id"]] = hitung[m["jenis"]]
        daftar[m["jenis"]].append(
            Entri(
                f"#{m['id']}",
                f"{m['jenis']} {hitung[m['jenis']]}: {m['teks']}",
                0,
                m.start() < awal_isi,
            )
        )
    isi = _daftar(_entri_judul(html), "daftar daftar-isi")
    html = html.replace(DAFTAR_ISI, isi)
    html = html.replace(DAFTAR_TABEL, _daftar(daftar["Tabel"], "daftar daftar-tabel"))
    html = html.replace(DAFTAR_GAMBAR, _daftar(daftar["Gambar"], "daftar daftar-gambar"))

    def ganti(m: re.Match) -> str:
        if m[1] not in nomor:
            raise PenomoranGagal(f"Rujukan ke {m[1]} tetapi tabel/gambar itu tidak ada.")
        return str(nomor[m[1]])

    return _TOKEN.sub(ganti, _SEBELUM_TOKEN.sub(r"\1&nbsp;", html))
