"""HTML to PDF with WeasyPrint, reading static and media files from disk, never the network."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "http://sakip.invalid/"


def berkas_lokal(url: str) -> Path | None:
    """The file on disk behind a site-relative /static/ or /media/ URL, if there is one."""
    path = unquote(urlparse(url).path)
    static, media = "/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/")
    if path.startswith(static):
        found = finders.find(path[len(static) :])
        return Path(found) if found else None
    if path.startswith(media):
        root = Path(settings.MEDIA_ROOT).resolve()
        berkas = (root / path[len(media) :]).resolve()
        if berkas.is_relative_to(root) and berkas.is_file():
            return berkas
    return None


class PengambilLokal(URLFetcher):
    """Serve /static/ and /media/ from disk and data: URLs inline; refuse everything else."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        berkas = berkas_lokal(url)
        if berkas is None:
            raise ValueError(f"Berkas tidak ditemukan atau tidak lokal: {url}")
        jenis = mimetypes.guess_type(berkas.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=berkas.read_bytes(), headers={"Content-Type": jenis})


def html_ke_pdf(html: str) -> bytes:
    """Render a page whose links are site-relative (/static/..., /media/...)."""
    pdf: bytes = weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=PengambilLokal()
    ).write_pdf()
    return pdf
