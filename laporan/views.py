"""The LAKIP pages: the report with its consistency panel, its PDF, the narrative form, and
finalising. Access: organisasi.akses (members of the organisation and the admins and pimpinan of its
parents read); its own admins edit and finalise."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from inti.galat import Ditolak
from inti.xlsx import JENIS_XLSX
from kinerja.realisasi.periode import tahun_berjalan
from laporan import services
from laporan.dokumen import susun_dokumen
from laporan.forms import NarasiForm
from laporan.konsistensi import periksa_konsistensi
from laporan.selectors import data_lakip, final_berlaku, laporan_kinerja
from laporan.xlsx import daftar_tabel, lakip_xlsx, nama_berkas
from organisasi.akses import get_organisasi_for_user, is_admin_organisasi, melihat_semua_unit
from organisasi.pesan import tampilkan_ditolak


def _pratinjau(request: HttpRequest) -> bool:
    """Whether the preview (unverified values included) is asked for and allowed.

    Unverified values are drafts of a unit: only those who read every unit's drafts
    (pimpinan and admins) see them. Heads and staff who ask for a preview get 403, not the
    verified report in its place: a page or file that silently differs from what its URL asks
    for would be taken for a preview, and the refusal tells them why they see nothing."""
    if request.GET.get("pratinjau") != "1":
        return False
    if not melihat_semua_unit(request.user):
        raise PermissionDenied(
            "Pratinjau dengan realisasi belum diverifikasi hanya untuk pimpinan dan admin."
        )
    return True


@login_required
def lakip_terkini(request: HttpRequest) -> HttpResponse:
    """The main menu's LAKIP: the user's organisation, its current year (this year when it has
    an agreement, else the latest that has one)."""
    organisasi = request.user.organisasi
    if organisasi is None:
        raise Http404
    tahun = tahun_berjalan(organisasi=organisasi) or timezone.localdate().year
    return redirect("laporan:lakip", organisasi.slug, tahun)


@login_required
def lakip(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, slug)
    # The page's QR codes point at the host it was asked from; the PDF's at SITE_URL. The
    # fingerprint compared with the final version's leaves that address out.
    data = data_lakip(
        organisasi=organisasi,
        tahun=tahun,
        pratinjau=_pratinjau(request),
        alamat_situs=request.build_absolute_uri("/"),
    )
    dokumen = susun_dokumen(data)
    final = final_berlaku(organisasi=organisasi, tahun=tahun)
    return render(
        request,
        "laporan/lakip.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "lakip": dokumen,
            "temuan": periksa_konsistensi(data),
            "final": final,
            "berubah_sejak_final": final is not None and final.sidik_html != dokumen.sidik,
            "boleh_ubah": is_admin_organisasi(request.user, organisasi.pk),
            "boleh_pratinjau": melihat_semua_unit(request.user),
            "tabel_xlsx": daftar_tabel(data),
        },
    )


@login_required
def lakip_tabel_xlsx(
    request: HttpRequest, slug: str, tahun: int, tabel: str | None = None
) -> HttpResponse:
    """Every table of the report (or one) as XLSX, with the figures of the PDF."""
    organisasi = get_organisasi_for_user(request.user, slug)
    data = data_lakip(organisasi=organisasi, tahun=tahun, pratinjau=_pratinjau(request))
    try:
        isi = lakip_xlsx(data, tabel)
    except KeyError:
        raise Http404 from None
    response = HttpResponse(isi, content_type=JENIS_XLSX)
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas(data, tabel)}"'
    return response


@login_required
def lakip_pdf(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, slug)
    try:
        pdf = services.lakip_pdf(organisasi=organisasi, tahun=tahun, pratinjau=_pratinjau(request))
    except services.FinalRusak as exc:
        return render(
            request,
            "laporan/final_rusak.html",
            {"organisasi": organisasi, "tahun": tahun, "pesan": exc.pesan},
            status=500,
        )
    response = HttpResponse(pdf.isi, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.nama_berkas}"'
    response["X-LAKIP-Sumber"] = pdf.sumber
    if pdf.final is not None:
        response["X-LAKIP-SHA256"] = pdf.final.sha256
    return response


def _admin_organisasi(request: HttpRequest, slug: str):
    organisasi = get_organisasi_for_user(request.user, slug)
    if not is_admin_organisasi(request.user, organisasi.pk):
        raise PermissionDenied
    return organisasi


@login_required
def lakip_narasi(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = _admin_organisasi(request, slug)
    laporan, _ = laporan_kinerja(organisasi=organisasi, tahun=tahun)
    data = data_lakip(organisasi=organisasi, tahun=tahun)
    sasaran = [s.sasaran for s in data.capaian.sasaran]
    form = NarasiForm(
        request.POST or None,
        instance=laporan,
        organisasi=organisasi,
        sasaran=sasaran,
        analisis=data.analisis_tersimpan or {a.sasaran.pk: a.teks for a in data.analisis},
    )
    # "Pratinjau" shows the typed texts as the report renders them, without saving.
    if request.method == "POST" and "pratinjau" not in request.POST and form.is_valid():
        services.laporan_narasi_simpan(
            organisasi=organisasi,
            tahun=tahun,
            nilai=form.nilai_laporan(),
            analisis=form.nilai_analisis(),
            oleh=request.user,
        )
        messages.success(request, "Narasi laporan disimpan.")
        return redirect("laporan:lakip", slug=slug, tahun=tahun)
    return render(
        request,
        "laporan/narasi.html",
        {"organisasi": organisasi, "tahun": tahun, "form": form},
    )


@login_required
@require_POST
def lakip_finalkan(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = _admin_organisasi(request, slug)
    try:
        final = services.laporan_finalkan(
            organisasi=organisasi,
            tahun=tahun,
            oleh=request.user,
            alasan_tanpa_analisis=request.POST.get("alasan_tanpa_analisis", ""),
        )
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    else:
        messages.success(request, f"Laporan difinalkan sebagai versi {final.versi}.")
    return redirect("laporan:lakip", slug=slug, tahun=tahun)


@login_required
@require_POST
def lakip_buka(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = _admin_organisasi(request, slug)
    try:
        final = services.laporan_buka_kembali(organisasi=organisasi, tahun=tahun, oleh=request.user)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    else:
        messages.success(request, f"Versi final {final.versi} dibuka kembali.")
    return redirect("laporan:lakip", slug=slug, tahun=tahun)
