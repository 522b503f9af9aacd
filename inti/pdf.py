"""HTML to PDF with WeasyPrint: static files from disk, media files through the default
storage (disk or an object store), never the network."""

import mimetypes
from dataclasses import dataclass
from posixpath import normpath
from urllib.parse import unquote, urlsplit, urlunsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "http://sakip.invalid/"
# A name whose URL shows where the default storage's URLs begin (storage.url(name) = prefix +
# name, with perhaps a signature after it for an object store).
_CONTOH = "sakip-contoh/berkas.png"


@dataclass(frozen=True)
class BerkasLokal:
    isi: bytes
    jenis: str  # media type, from the name


def _jenis(nama: str) -> str:
    return mimetypes.guess_type(nama)[0] or "application/octet-stream"


def _awalan_media() -> list[str]:
    """Where media URLs begin: the default storage's URL base and the site's MEDIA_URL path."""
    media = settings.MEDIA_URL
    awalan = [media if "://" in media else "/" + media.lstrip("/")]
    try:
        contoh = storages["default"].url(_CONTOH)
    except NotImplementedError:
        return awalan
    depan, ketemu, _ = contoh.partition(_CONTOH)
    if ketemu and depan and depan not in awalan:
        awalan.append(depan)
    return awalan


def _nama_media(url: str) -> str | None:
    """The default storage's name behind a media URL (site-relative or the storage's own)."""
    bagian = urlsplit(url)
    tanpa_kueri = urlunsplit((bagian.scheme, bagian.netloc, bagian.path, "", ""))
    for awalan in _awalan_media():
        if tanpa_kueri.startswith(awalan):
            nama = unquote(tanpa_kueri[len(awalan) :])
            # Names only below the storage's root: no "..", no absolute path.
            if nama and not nama.startswith("/") and normpath(nama) == nama:
                return nama
    return None


def berkas_lokal(url: str) -> BerkasLokal | None:
    """The bytes behind a /static/ URL (the static files) or a media URL (the default
    storage), if there are; None for any other address, which is never fetched."""
    if url.startswith(BASE_URL):
        url = "/" + url[len(BASE_URL) :]
    static = "/" + settings.STATIC_URL.lstrip("/")
    if url.startswith(static):
        nama = unquote(urlsplit(url).path)[len(static) :]
        found = finders.find(nama)
        if not found:
            return None
        with open(found, "rb") as berkas:
            return BerkasLokal(berkas.read(), _jenis(nama))
    nama_media = _nama_media(url)
    if nama_media is None:
        return None
    try:
        with storages["default"].open(nama_media, "rb") as berkas:
            return BerkasLokal(berkas.read(), _jenis(nama_media))
    except (OSError, SuspiciousFileOperation):
        # Missing, a folder, or outside the storage: the same as any unknown address.
        return None


class PengambilLokal(URLFetcher):
    """Serve /static/ and media files as berkas_lokal reads them and data: URLs inline;
    refuse everything else."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        berkas = berkas_lokal(url)
        if berkas is None:
            raise ValueError(f"Berkas tidak ditemukan atau tidak lokal: {url}")
        return URLFetcherResponse(url, body=berkas.isi, headers={"Content-Type": berkas.jenis})


def html_ke_pdf(html: str) -> bytes:
    """Render a page whose links are site-relative (/static/..., /media/...) or the default
    storage's own URLs."""
    pdf: bytes = weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=PengambilLokal()
    ).write_pdf()
    return pdf
