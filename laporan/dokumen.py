"""The LAKIP as one HTML document: rendered once, shown in the browser and printed to PDF.

`susun_dokumen` renders the template over the report's data, numbers tables and figures,
embeds pictures as data: URIs and puts the stylesheets inline, so the standalone HTML is the
very document WeasyPrint prints (and what `export_lakip --format html` writes). Its SHA-256
(with the WeasyPrint version) is the key under which the PDF is cached; the same hash taken
without the site address the agreements' QR codes point at is the document's fingerprint
(`sidik`), which tells whether the data changed since the final version.
"""

import base64
import hashlib
import re
from dataclasses import dataclass
from html import unescape

import weasyprint
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from inti.pdf import berkas_lokal
from kinerja.pohon import PohonKinerja, pohon_kinerja
from laporan.penomoran import beri_nomor
from laporan.selectors import DataLakip

# The document's stylesheets, in cascade order: the shared document styles, the capaian
# categories (shared with the app's pages), then the report's.
STYLESHEET = ("css/dokumen.css", "css/kategori.css", "css/lakip.css")

# Site-relative /static/ and /media/ links, and the default storage's own URLs (an object
# store's address): inti.pdf.berkas_lokal tells which of them it reads.
_BERKAS = re.compile(r'(?P<attr>src|href)="(?P<url>(?:/(?:static|media)/|https?://)[^"]+)"')


@dataclass(frozen=True)
class DokumenLakip:
    data: DataLakip
    isi: str  # the body, numbered, pictures embedded: what the browser page shows
    html: str  # the standalone document: what WeasyPrint prints
    sidik: str  # SHA-256 of html without the site address, and the WeasyPrint version
    kunci_cache: str  # SHA-256 of html as it is, and the WeasyPrint version

    @property
    def nama_berkas(self) -> str:
        return nama_berkas(
            slug=self.data.organisasi.slug, tahun=self.data.tahun, pratinjau=self.data.pratinjau
        )


def nama_berkas(*, slug: str, tahun: int, pratinjau: bool) -> str:
    """The report's file name without extension (known before the document is assembled)."""
    akhiran = "-pratinjau" if pratinjau else ""
    return f"lakip-{slug}-{tahun}{akhiran}"


def css_dokumen() -> str:
    bagian = []
    for nama in STYLESHEET:
        path = finders.find(nama)
        if path is None:
            raise FileNotFoundError(nama)
        with open(path, encoding="utf-8") as berkas:
            bagian.append(berkas.read())
    return "\n".join(bagian)


def sematkan_berkas(html: str) -> str:
    """Replace links to static and media files with data: URIs (self-contained)."""

    def ganti(m: re.Match) -> str:
        berkas = berkas_lokal(unescape(m["url"]))
        if berkas is None:
            return m[0]
        isi = base64.b64encode(berkas.isi).decode("ascii")
        return f'{m["attr"]}="data:{berkas.jenis};base64,{isi}"'

    return _BERKAS.sub(ganti, html)


def sidik(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8") + weasyprint.__version__.encode()).hexdigest()


def tanpa_alamat_situs(html: str, data: DataLakip) -> str:
    """The document without the address it was rendered for: each agreement's verification
    URL and QR code (SITE_URL in the PDF, the request's own host on the page) give way to the
    agreement's code, which the document prints beside them anyway. A document with no
    electronically signed agreement is returned as it is."""
    for dok in data.semua_perjanjian:
        if dok.kode_verifikasi:
            html = html.replace(dok.qr_svg, f"[QR {dok.kode_verifikasi}]")
            html = html.replace(escape(dok.url_verifikasi), f"[URL {dok.kode_verifikasi}]")
    return html


def _pohon(data: DataLakip) -> PohonKinerja | None:
    """The pohon kinerja page of the Lampiran, unless the report leaves it out."""
    if not data.laporan.lampiran_pohon:
        return None
    return pohon_kinerja(organisasi=data.organisasi, tahun=data.tahun, tabel=data.capaian)


def susun_dokumen(data: DataLakip) -> DokumenLakip:
    pohon = _pohon(data)
    konteks = {
        "d": data,
        "pohon": pohon,
        "gambar": pohon.svg_per_sasaran() if pohon else [],
        "pohon_nomor": len(data.semua_perjanjian) + (2 if data.rkt else 1),
    }
    isi = sematkan_berkas(beri_nomor(render_to_string("laporan/_lakip.html", konteks)))
    html = render_to_string(
        "laporan/dokumen.html",
        {"d": data, "css": mark_safe(css_dokumen()), "isi": mark_safe(isi)},
    )
    return DokumenLakip(
        data=data,
        isi=isi,
        html=html,
        sidik=sidik(tanpa_alamat_situs(html, data)),
        kunci_cache=sidik(html),
    )
