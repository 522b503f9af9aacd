"""The pohon kinerja page and its downloads (SVG, PDF). Read access as the report's page:
members of the organisation. The tree and its check are kinerja.pohon's."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from inti.pdf import html_ke_pdf
from kinerja.pohon import pohon_kinerja
from laporan.dokumen import css_dokumen
from organisasi.akses import get_organisasi_for_user


@login_required
def pohon(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, slug)
    data = pohon_kinerja(organisasi=organisasi, tahun=tahun)
    return render(
        request,
        "laporan/pohon.html",
        {"organisasi": organisasi, "tahun": tahun, "pohon": data, "gambar": data.svg_per_sasaran()},
    )


def _nama(slug: str, tahun: int, akhiran: str) -> str:
    return f"pohon-kinerja-{slug}-{tahun}.{akhiran}"


@login_required
def pohon_svg(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, slug)
    svg = pohon_kinerja(organisasi=organisasi, tahun=tahun).svg()
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml"
    )
    response["Content-Disposition"] = f'attachment; filename="{_nama(slug, tahun, "svg")}"'
    return response


@login_required
def pohon_pdf(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, slug)
    data = pohon_kinerja(organisasi=organisasi, tahun=tahun)
    html = render_to_string(
        "laporan/pohon_dokumen.html",
        {"pohon": data, "gambar": data.svg_per_sasaran(), "css": mark_safe(css_dokumen())},  # noqa: S308 - our own stylesheets
    )
    response = HttpResponse(html_ke_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_nama(slug, tahun, "pdf")}"'
    return response
