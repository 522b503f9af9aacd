"""Template helpers of the LAKIP: typed narratives as paragraphs, number placeholders, and the
tables of laporan.tabel printed as the report's tables."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from inti.angka import format_angka, format_persen, format_tersimpan
from laporan import kalimat, tabel, tabel_analisis
from laporan.penomoran import token
from laporan.selectors import DataLakip
from laporan.tabel import Angka, Baris, Jenis, Kode, Sel, Tabel

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


# ---------------------------------------------------------------- the tables of laporan.tabel

_FORMAT: dict[Jenis, Callable[[Decimal | int], str]] = {
    Jenis.BULAT: lambda n: format_angka(n, 0),
    Jenis.ANGKA: lambda n: format_angka(n, 2),
    Jenis.PERSEN: format_persen,
    Jenis.RUPIAH: lambda n: format_angka(n, 0),  # the column heading says (Rp)
}


def teks_sel(sel: Sel) -> str:
    """A cell as the report prints it: numbers through inti.angka by their kind, "–" for
    a value that is missing."""
    if isinstance(sel, Angka):
        if sel.nilai is None:
            return "–"
        if sel.desimal is not None and sel.jenis in (Jenis.ANGKA, Jenis.PERSEN):
            teks = format_angka(sel.nilai, sel.desimal)
            teks += "\u00a0%" if sel.jenis == Jenis.PERSEN else ""
        else:
            teks = _FORMAT[sel.jenis](sel.nilai)
        return f"{teks} {sel.satuan}" if sel.satuan else teks
    if sel is None:
        return "–"
    if isinstance(sel, Kode):
        return sel.teks or "–"
    if isinstance(sel, Decimal):
        return format_tersimpan(sel, 2)
    return str(sel)


@dataclass(frozen=True)
class _Sel:
    teks: str
    kelas: str = ""
    rentang: int = 1  # columns (a total row's label)
    catatan: str = ""
    baris: int = 1  # rows (Tabel.gabung)
    penjelas: str = ""


def _sel(sel: Sel, kelas_kolom: str) -> _Sel:
    kelas = "angka" if isinstance(sel, Angka | Kode) else kelas_kolom
    catatan = sel.catatan if isinstance(sel, Angka) else ""
    return _Sel(teks_sel(sel), kelas, catatan=catatan)


def _baris_jumlah(baris: Baris, kelas: list[str]) -> list[_Sel]:
    """A total row: an empty cell joins its label ("Jumlah" over NO and the name, "Predikat"
    over the columns it leaves empty)."""
    hasil: list[_Sel] = []
    tunda = 0
    for sel, k in zip(baris.sel, kelas, strict=False):
        if sel is None or sel == "":
            if hasil:
                hasil[-1] = replace(hasil[-1], rentang=hasil[-1].rentang + 1)
            else:
                tunda += 1
            continue
        s = _sel(sel, "" if k == "no" else k)
        hasil.append(replace(s, rentang=1 + tunda))
        tunda = 0
    return hasil


_BAGIAN: dict[str, Callable[..., list[Tabel]]] = {
    "tugas": tabel.tugas,
    "pegawai": tabel.pegawai,
    "matriks": tabel.matriks,
    "pagu": tabel.pagu,
    "skala_capaian": tabel.skala_capaian,
    "lalu": tabel_analisis.lalu,
    "renstra": tabel_analisis.renstra,
    "standar": tabel_analisis.standar,
    "sebab": tabel_analisis.sebab,
    "kegiatan": tabel_analisis.kegiatan,
    "sakip": tabel.sakip,
    "logistik": tabel.logistik,
    "produk_hukum": tabel.produk_hukum,
    "realisasi_anggaran": tabel.realisasi_anggaran,
    "sumber_dana": tabel.sumber_dana,
    "efektivitas_anggaran": tabel.efektivitas_anggaran,
}


@register.simple_tag
def tabel_dari(d: DataLakip, nama: str, *argumen: object, ke: int = 0) -> Tabel:
    """{% tabel_dari d "pegawai" as t %}: a table as laporan.tabel defines it, the one the
    spreadsheet writes (ke: which of the part's tables)."""
    if nama not in _BAGIAN:
        raise template.TemplateSyntaxError(f"Tabel LAKIP tidak dikenal: {nama!r}")
    return _BAGIAN[nama](d, *argumen)[ke]


@register.inclusion_tag("laporan/_tabel.html")
def tabel_lakip(
    t: Tabel,
    *kunci: object,
    kelas: str = "",
    kolom: str = "",
    kolom_akhir: str = "",
    lebar: str = "",
) -> dict:
    """{% tabel_lakip t "tabel-pegawai" kelas="sempit utuh" kolom="no,,kol-nilai" %}: the
    numbered caption (key joined as {% no %} joins it) and the table. kolom: each heading's
    class (a "no" column centres its cells, a KODE column never wraps), those beyond the
    table's columns unused (a column per year); kolom_akhir: the classes of the last columns;
    lebar: the widths of a fixed table (lakip.css lebar-*)."""
    n = len(t.kolom)
    kelas_th = (kolom.split(",") if kolom else [])[:n]
    kelas_th += [""] * (n - len(kelas_th))
    if kolom_akhir:
        akhir = kolom_akhir.split(",")
        kelas_th[n - len(akhir) :] = akhir
    # A column of values aligns as numbers do, its missing ones ("–") too.
    nilai = {j for b in t.baris for j, x in enumerate(b.sel) if isinstance(x, Angka | Kode)}
    kelas_td = [
        "angka" if j in nilai else "no" if k == "no" else "kode" if judul == "KODE" else ""
        for j, (k, judul) in enumerate(zip(kelas_th, t.kolom, strict=True))
    ]
    atas, bawah = _kepala(t, kelas_th)
    badan = [
        {
            "kelas": "baris-program" if b.tebal else "",
            "sel": [
                replace(s, kelas="menjorok") if b.menjorok and i == 1 and not s.kelas else s
                for i, s in enumerate(_sel(x, k) for x, k in zip(b.sel, kelas_td, strict=True))
            ],
        }
        for b in t.baris
    ]
    for baris, b in zip(badan, t.baris, strict=True):
        if b.penjelas:
            baris["sel"][0] = replace(baris["sel"][0], penjelas=b.penjelas)
    _gabung(badan, t.gabung)
    return {
        "t": t,
        "kunci": "".join(str(k) for k in kunci),
        "kelas": kelas,
        "lebar": lebar.split(",") if lebar else [],
        "atas": atas,
        "bawah": bawah,
        "badan": badan,
        "jumlah": [_baris_jumlah(b, kelas_td) for b in t.jumlah],
    }


def _gabung(badan: list[dict], n: int) -> None:
    """The first n cells of a row span the rows below that repeat them (NO and sasaran)."""
    awal = None
    for baris in badan:
        kunci = [s.teks for s in baris["sel"][:n]]
        if awal is not None and kunci == [s.teks for s in awal["sel"][:n]]:
            awal["sel"][:n] = [replace(s, baris=s.baris + 1) for s in awal["sel"][:n]]
            baris["sel"] = baris["sel"][n:]
        else:
            awal = baris


def _kepala(t: Tabel, kelas_th: list[str]) -> tuple[list[dict], list[dict]]:
    """The heading rows: one, or with t.induk a spanning row above the columns it groups."""
    kolom = [{"teks": j, "kelas": k} for j, k in zip(t.kolom, kelas_th, strict=True)]
    if not t.induk:
        return kolom, []
    atas, bawah, i = [], [], 0
    for teks, n in t.induk:
        if teks:
            atas.append({"teks": teks, "rentang": n})
            bawah += kolom[i : i + n]
        else:
            atas += [{**k, "baris": 2} for k in kolom[i : i + n]]
        i += n
    return atas, bawah
