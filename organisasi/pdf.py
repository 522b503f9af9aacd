"""HTML to PDF with WeasyPrint, reading static and media files from disk, never the network."""

from pathlib import Path
from urllib.parse import unquote, urlparse

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders

BASE_URL = "http://sakip.invalid/"


def _berkas_lokal(url: str) -> Path | None:
    path = unquote(urlparse(url).path)
    static, media = "/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/")
    if path.startswith(static):
        found = finders.find(path[len(static) :])
        return Path(found) if found else None
    if path.startswith(media):
        berkas = (Path(settings.MEDIA_ROOT) / path[len(media) :]).resolve()
        if berkas.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) and berkas.is_file():
            return berkas
    return None


def url_fetcher(url: str, *args, **kwargs) -> dict:
    """Serve /static/ and /media/ from disk and data: URLs inline; refuse everything else."""
    if url.startswith("data:"):
        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    berkas = _berkas_lokal(url)
    if berkas is None:
        raise ValueError(f"Berkas tidak ditemukan atau tidak lokal: {url}")
    return {"file_obj": berkas.open("rb"), "filename": berkas.name}


def html_ke_pdf(html: str) -> bytes:
    """Render a page whose links are site-relative (/static/..., /media/...)."""
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher).write_pdf()
