"""The pohon kinerja (performance cascade) as inline SVG, drawn on the server.

Left to right: sasaran strategis, their indicators, the units whose agreements carry each
indicator, and the kegiatan that serve it. Every leaf gets a row and a parent sits in the
middle of its children's rows, so the drawing grows downwards with the data and keeps a fixed
width: a phone scrolls it, a printed page scales it to its width. Plain values in, markup
out; what a node says (capaian, category) is decided by the caller.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from inti.grafik import LEBAR_HURUF, _potong, _svg, _teks


class Jenis(StrEnum):
    SASARAN = "sasaran"
    INDIKATOR = "indikator"
    UNIT = "unit"
    KEGIATAN = "kegiatan"


# Fill per column: the further from the sasaran, the lighter.
WARNA = {
    Jenis.SASARAN: "#dde6f3",
    Jenis.INDIKATOR: "#eef3f9",
    Jenis.UNIT: "#f4f6fa",
    Jenis.KEGIATAN: "#ffffff",
}
GARIS = "#234"
GARIS_TANDA = "#b02a37"  # a node the cascade check lists

KOTAK_LEBAR = 250
KOTAK_TINGGI = 58
JARAK_KOLOM = 34
JARAK_BARIS = 10
UKURAN = 10
TEPI = 6


@dataclass(frozen=True)
class Simpul:
    judul: str
    jenis: Jenis
    keterangan: str = ""  # e.g. "Capaian 96,70 % · Baik"
    tanda: bool = False  # listed by the cascade check: drawn with a red dashed border
    anak: tuple["Simpul", ...] = field(default_factory=tuple)


def _daun(s: Simpul) -> int:
    return sum(_daun(a) for a in s.anak) or 1


def _kedalaman(s: Simpul) -> int:
    return 1 + max((_kedalaman(a) for a in s.anak), default=0)


def gambar_pohon(akar: Sequence[Simpul], *, judul: str, kode: str = "") -> str:
    """The trees of `akar` stacked top to bottom in one SVG ("" when there is nothing)."""
    if not akar:
        return ""
    baris = KOTAK_TINGGI + JARAK_BARIS
    kolom = KOTAK_LEBAR + JARAK_KOLOM
    lebar = max(_kedalaman(a) for a in akar) * kolom - JARAK_KOLOM + 2 * TEPI
    tinggi = sum(_daun(a) for a in akar) * baris - JARAK_BARIS + 2 * TEPI
    maks_huruf = int((KOTAK_LEBAR - 12) / (UKURAN * LEBAR_HURUF))
    bagian: list[str] = []

    def gambar(s: Simpul, atas_baris: int, tingkat: int) -> int:
        """Draw s over the rows starting at `atas_baris`; return the y of its middle."""
        jumlah = _daun(s)
        tengah_y = TEPI + atas_baris * baris + (jumlah * baris - JARAK_BARIS) // 2
        x = TEPI + tingkat * kolom
        y = tengah_y - KOTAK_TINGGI // 2
        garis = GARIS_TANDA if s.tanda else GARIS
        putus = ' stroke-dasharray="5 3" stroke-width="1.5"' if s.tanda else ""
        bagian.append(
            f'<rect x="{x}" y="{y}" width="{KOTAK_LEBAR}" height="{KOTAK_TINGGI}" rx="4" '
            f'fill="{WARNA[s.jenis]}" stroke="{garis}"{putus} />'
        )
        teks_judul = _potong(s.judul, maks_huruf, 3 if not s.keterangan else 2)
        ket = _potong(s.keterangan, maks_huruf + 4, 1) if s.keterangan else []
        tinggi_teks = (len(teks_judul) + len(ket)) * UKURAN * 12 // 10
        y0 = y + (KOTAK_TINGGI - tinggi_teks) // 2 + UKURAN
        tebal = "bold" if s.jenis in (Jenis.SASARAN, Jenis.INDIKATOR) else "normal"
        bagian.append(_teks(x + 6, y0, teks_judul, UKURAN, font_weight=tebal))
        if ket:
            y1 = y0 + len(teks_judul) * UKURAN * 12 // 10
            bagian.append(_teks(x + 6, y1, ket, UKURAN - 1, fill=garis))
        if s.anak:
            kanan = x + KOTAK_LEBAR
            siku = kanan + JARAK_KOLOM // 2
            pusat = []
            geser = atas_baris
            for a in s.anak:
                pusat.append(gambar(a, geser, tingkat + 1))
                geser += _daun(a)
            bagian.append(
                f'<path d="M{kanan} {tengah_y}H{siku}M{siku} {min(pusat)}V{max(pusat)}" '
                f'stroke="{GARIS}" fill="none" />'
            )
            for p in pusat:
                bagian.append(
                    f'<path d="M{siku} {p}H{kanan + JARAK_KOLOM}" stroke="{GARIS}" fill="none" />'
                )
        return tengah_y

    mulai = 0
    for a in akar:
        gambar(a, mulai, 0)
        mulai += _daun(a)
    return _svg(lebar, tinggi, "".join(bagian), judul, kode)
