"""The monitoring page: the organisations below one, for its pimpinan and admins (and
theirs above it). Sorting and filtering are plain GET parameters; every figure links to the
organisation's own page, which the reader may open read-only (organisasi.akses). The same
rows as XLSX and CSV (pantau.ekspor), and the capaian per catalogue indicator."""

import secrets

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from inti.xlsx import JENIS_XLSX
from organisasi.akses import get_organisasi_for_user, melihat_semua_unit
from organisasi.models import Organisasi
from organisasi.tahun import TAHUN_MAKS, TAHUN_MIN
from pantau import ekspor, tasks
from pantau.distribusi import distribusi_indikator
from pantau.ringkasan import isian_triwulan, sebaran_kategori
from pantau.saring import baris_pantau, parameter
from pantau.selectors import LABEL_LAKIP
from pantau.tabel import tabel_distribusi

# Up to this many rows the page links the XLSX for download at once; above, a worker
# builds it (pantau.tasks) and the reader waits on a page that refreshes itself.
BATAS_LANGSUNG = 100
JENIS_CSV = "text/csv; charset=utf-8"


def _organisasi_pantau(request: HttpRequest, slug: str) -> Organisasi:
    """The organisation if the user may read it (404 otherwise) and sees all of it: its
    pimpinan and admins, and theirs above it (403 for heads and staff)."""
    organisasi = get_organisasi_for_user(request.user, slug)
    if not melihat_semua_unit(request.user):
        raise PermissionDenied("Pemantauan hanya untuk pimpinan dan admin.")
    return organisasi


def _unduhan(isi: bytes, jenis: str, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=jenis)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
def pantau_terkini(request: HttpRequest) -> HttpResponse:
    """The menu's Pemantauan: the user's organisation, this year."""
    organisasi = request.user.organisasi
    if organisasi is None:
        raise Http404
    return redirect("pantau:pantau", organisasi.slug, timezone.localdate().year)


@login_required
def pantau(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = _organisasi_pantau(request, slug)
    hasil = baris_pantau(organisasi=organisasi, tahun=tahun, get=request.GET)
    semua = hasil.semua
    return render(
        request,
        "pantau/pantau.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "tahun_lalu": tahun - 1 if tahun > TAHUN_MIN else None,
            "tahun_depan": tahun + 1 if tahun < TAHUN_MAKS else None,
            "baris": hasil.baris,
            "jumlah_semua": len(semua),
            "urut": hasil.urut,
            "pilihan_provinsi": sorted({b.organisasi.provinsi for b in semua} - {""}),
            "pilihan_kategori": list(
                dict.fromkeys(b.kategori.nama for b in semua if b.kategori is not None)
            ),
            "pilihan_status": LABEL_LAKIP,
            "dipilih": request.GET,
            "kolom_urut": [
                ("nama", "Organisasi"),
                ("terisi", "Pengisian"),
                ("capaian", "Capaian"),
                ("serapan", "Serapan"),
                ("terlambat", "Terlambat"),
            ],
            "sebaran": sebaran_kategori(hasil.baris),
            "isian": isian_triwulan(hasil.baris),
            "xlsx_langsung": len(hasil.baris) <= BATAS_LANGSUNG,
            "parameter": parameter(request.GET),
        },
    )


@login_required
def pantau_xlsx(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """The page's rows (its filters and sort) and the per-indicator sheet, at once."""
    organisasi = _organisasi_pantau(request, slug)
    isi = ekspor.pantau_xlsx(organisasi=organisasi, tahun=tahun, get=request.GET)
    return _unduhan(isi, JENIS_XLSX, ekspor.nama_berkas(organisasi, tahun, ".xlsx"))


@login_required
def pantau_csv(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = _organisasi_pantau(request, slug)
    isi = ekspor.pantau_csv(organisasi=organisasi, tahun=tahun, get=request.GET)
    return _unduhan(isi, JENIS_CSV, ekspor.nama_berkas(organisasi, tahun, ".csv"))


@login_required
@require_POST
def pantau_xlsx_susun(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """Hand the workbook to a worker under a fresh random key; the reader waits for it."""
    organisasi = _organisasi_pantau(request, slug)
    kunci = secrets.token_hex(16)
    tasks.susun_xlsx_pantau.delay(organisasi.slug, tahun, parameter(request.POST), kunci)
    return redirect("pantau:xlsx-unduh", organisasi.slug, tahun, kunci)


@login_required
def pantau_xlsx_unduh(request: HttpRequest, slug: str, tahun: int, kunci: str) -> HttpResponse:
    organisasi = _organisasi_pantau(request, slug)
    isi = ekspor.pantau_xlsx_tersimpan(organisasi=organisasi, tahun=tahun, kunci=kunci)
    if isi is None:
        return render(
            request, "pantau/xlsx_tunggu.html", {"organisasi": organisasi, "tahun": tahun}
        )
    return _unduhan(isi, JENIS_XLSX, ekspor.nama_berkas(organisasi, tahun, ".xlsx"))


@login_required
def distribusi(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """Each catalogue indicator across the satker below: min, median, max, below target."""
    organisasi = _organisasi_pantau(request, slug)
    daftar = distribusi_indikator(organisasi=organisasi, tahun=tahun)
    if request.GET.get("format") == "csv":
        isi = ekspor.tabel_csv(tabel_distribusi(daftar, judul=""))
        return _unduhan(isi, JENIS_CSV, ekspor.nama_berkas(organisasi, tahun, "-indikator.csv"))
    return render(
        request,
        "pantau/distribusi.html",
        {"organisasi": organisasi, "tahun": tahun, "distribusi": daftar},
    )


@login_required
def distribusi_satker(request: HttpRequest, slug: str, tahun: int, kode: str) -> HttpResponse:
    """One indicator's value at each satker below that has it."""
    organisasi = _organisasi_pantau(request, slug)
    daftar = distribusi_indikator(organisasi=organisasi, tahun=tahun)
    indikator = next((d for d in daftar if d.kode == kode), None)
    if indikator is None:
        raise Http404
    return render(
        request,
        "pantau/distribusi_satker.html",
        {"organisasi": organisasi, "tahun": tahun, "d": indikator},
    )
