"""The public pages: no login, cached, throttled per client, fixed queries."""

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from laporan.services import FinalRusak, final_baca
from publik import data as open_data
from publik.batas import batas_per_klien
from publik.selectors import dokumen_publik, final_terbit, organisasi_publik

CACHE_DETIK = 300


@batas_per_klien
def organisasi(request: HttpRequest, slug: str) -> HttpResponse:
    org, stempel = organisasi_publik(slug)
    kunci = f"publik:halaman:{org.pk}:{stempel}"
    html = cache.get(kunci)
    if html is None:
        # Rendered without the request: the cached page holds nothing of whoever asked first.
        html = render_to_string("publik/organisasi.html", {"d": dokumen_publik(org)})
        cache.set(kunci, html, CACHE_DETIK)
    return HttpResponse(html)


def _final(slug: str, tahun: int):
    org, _ = organisasi_publik(slug)
    final = final_terbit(organisasi=org, tahun=tahun)
    if final is None:
        raise Http404("Laporan tahun ini belum final atau belum dipublikasikan.")
    return org, final


def _capaian(slug: str, tahun: int, bentuk: str) -> tuple[bytes, str]:
    org, final = _final(slug, tahun)
    # The final's SHA-256 is in the key: a new final (or a reopened and refinalised one)
    # never meets the previous one's figures.
    kunci = f"publik:capaian:{org.pk}:{tahun}:{final.sha256}:{bentuk}"
    isi = cache.get(kunci)
    if isi is None:
        d = open_data.data_capaian(organisasi=org, tahun=tahun, final=final)
        isi = open_data.sebagai_json(d) if bentuk == "json" else open_data.sebagai_csv(d)
        cache.set(kunci, isi, None)
    return isi, final.sha256


@batas_per_klien
def capaian_json(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    isi, sha256 = _capaian(slug, tahun, "json")
    response = HttpResponse(isi, content_type="application/json")
    response["X-LAKIP-SHA256"] = sha256
    return response


@batas_per_klien
def capaian_csv(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    isi, sha256 = _capaian(slug, tahun, "csv")
    response = HttpResponse(isi, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="capaian-{slug}-{tahun}.csv"'
    response["X-LAKIP-SHA256"] = sha256
    return response


@batas_per_klien
def lakip_pdf(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """The final PDF as stored, its SHA-256 checked on every read (never cached here)."""
    org, final = _final(slug, tahun)
    try:
        isi = final_baca(final)
    except FinalRusak:
        return HttpResponse(
            "Berkas laporan sedang tidak dapat diunduh. Silakan coba lagi nanti.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(isi, content_type="application/pdf")
    nama = f"lakip-{org.slug}-{tahun}-final-v{final.versi}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["X-LAKIP-SHA256"] = final.sha256
    return response
