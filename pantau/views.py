"""The monitoring page: the organisations below one, for its pimpinan and admins (and
theirs above it). Sorting and filtering are plain GET parameters; every figure links to the
organisation's own page, which the reader may open read-only (organisasi.akses)."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from organisasi.akses import get_organisasi_for_user, melihat_semua_unit
from organisasi.tahun import TAHUN_MAKS, TAHUN_MIN
from pantau.selectors import LABEL_LAKIP, BarisPantau, anak_langsung, pantau_organisasi

KECIL = Decimal("-1")
URUTAN = {
    "nama": lambda b: (b.organisasi.nama,),
    "provinsi": lambda b: (b.organisasi.provinsi, b.organisasi.nama),
    "capaian": lambda b: (b.rata_capaian if b.rata_capaian is not None else KECIL,),
    "serapan": lambda b: (b.serapan if b.serapan is not None else KECIL,),
    "terisi": lambda b: (b.terisi,),
    "terlambat": lambda b: (len(b.terlambat),),
}


def _saring(baris: list[BarisPantau], get) -> list[BarisPantau]:
    if provinsi := get.get("provinsi"):
        baris = [b for b in baris if b.organisasi.provinsi == provinsi]
    if kategori := get.get("kategori"):
        baris = [b for b in baris if b.kategori is not None and b.kategori.nama == kategori]
    if (status := get.get("status")) in LABEL_LAKIP:
        baris = [b for b in baris if b.lakip == status]
    return baris


def _urut(baris: list[BarisPantau], urut: str) -> tuple[list[BarisPantau], str]:
    kunci = urut.removeprefix("-")
    if kunci not in URUTAN:
        return baris, ""
    return sorted(baris, key=URUTAN[kunci], reverse=urut.startswith("-")), urut


@login_required
def pantau_terkini(request: HttpRequest) -> HttpResponse:
    """The menu's Pemantauan: the user's organisation, this year."""
    organisasi = request.user.organisasi
    if organisasi is None:
        raise Http404
    return redirect("pantau:pantau", organisasi.slug, timezone.localdate().year)


@login_required
def pantau(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, slug)
    if not melihat_semua_unit(request.user):
        raise PermissionDenied("Pemantauan hanya untuk pimpinan dan admin.")
    semua = pantau_organisasi(daftar=anak_langsung(organisasi), tahun=tahun)
    baris, urut = _urut(_saring(semua, request.GET), request.GET.get("urut", ""))
    return render(
        request,
        "pantau/pantau.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "tahun_lalu": tahun - 1 if tahun > TAHUN_MIN else None,
            "tahun_depan": tahun + 1 if tahun < TAHUN_MAKS else None,
            "baris": baris,
            "jumlah_semua": len(semua),
            "urut": urut,
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
        },
    )
