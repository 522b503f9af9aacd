"""Pages of the background renders: the report's PDF while it is being put together, and a
batch rendering every LAKIP below an organisation, with its progress and a retry per failure.

With no broker the tasks run in the request (eager), so the PDF is there when the request
answers, as it always was; with workers the request answers at once and the page follows."""

from celery.result import EagerResult
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inti.galat import Ditolak
from laporan import cetak, services, tasks
from laporan.kemajuan import batch_kemajuan, cetak_kemajuan
from laporan.models import BatchLakip, BatchLakipItem
from organisasi.akses import get_organisasi_for_user, melihat_semua_unit
from organisasi.models import Organisasi
from organisasi.pesan import tampilkan_ditolak


def pdf_atau_antre(
    *, organisasi: Organisasi, tahun: int, pratinjau: bool
) -> services.PdfLakip | None:
    """The report's PDF when it is final or printed already; else a render is claimed and
    enqueued (unless one runs) and None says "being put together". Eagerly, the render runs
    right here and the PDF is returned."""
    pdf, sidik = services.lakip_pdf_tersimpan(
        organisasi=organisasi, tahun=tahun, pratinjau=pratinjau
    )
    if pdf is not None:
        return pdf
    if not cetak.cetak_minta(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau, sidik=sidik):
        return None  # one is waiting or running: this request joins it
    hasil = tasks.cetak_lakip.delay(organisasi.slug, tahun, pratinjau)
    if not isinstance(hasil, EagerResult):
        return None  # a worker takes it
    pdf, _ = services.lakip_pdf_tersimpan(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau)
    return pdf


def url_status(organisasi: Organisasi, tahun: int, pratinjau: bool) -> str:
    url = reverse("laporan:lakip-pdf-status", args=[organisasi.slug, tahun])
    return f"{url}?pratinjau=1" if pratinjau else url


def _pdf_siap(organisasi: Organisasi, tahun: int, pratinjau: bool) -> bool:
    try:
        pdf, _ = services.lakip_pdf_tersimpan(
            organisasi=organisasi, tahun=tahun, pratinjau=pratinjau
        )
    except services.FinalRusak:
        return False  # the download link answers why
    return pdf is not None


@login_required
def lakip_pdf_status(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    """While the PDF renders, "sedang disusun…" (the page reloads itself); the download link
    once it is ready; the error when it failed."""
    organisasi = get_organisasi_for_user(request.user, slug)
    # Only a status: the download link it offers checks the preview right itself.
    pratinjau = request.GET.get("pratinjau") == "1" and melihat_semua_unit(request.user)
    kemajuan = cetak_kemajuan(organisasi=organisasi, tahun=tahun, pratinjau=pratinjau)
    # While it runs, one query per reload; the document is assembled only to look for its PDF.
    aktif = kemajuan is not None and kemajuan.aktif
    siap = not aktif and _pdf_siap(organisasi, tahun, pratinjau)
    unduh = reverse("laporan:lakip-pdf", args=[slug, tahun]) + ("?pratinjau=1" if pratinjau else "")
    return render(
        request,
        "laporan/pdf_status.html",
        {
            "organisasi": organisasi,
            "tahun": tahun,
            "siap": siap,
            "kemajuan": kemajuan,
            "unduh": unduh,
        },
    )


@login_required
@require_POST
def batch_mulai(request: HttpRequest, slug: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, slug)
    try:
        batch = cetak.batch_buat(organisasi=organisasi, tahun=tahun, oleh=request.user)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
        return redirect("laporan:lakip", slug=slug, tahun=tahun)
    tasks.cetak_batch_sebar.delay(batch.pk)
    return redirect("laporan:batch", slug=slug, tahun=tahun, pk=batch.pk)


def _batch(request: HttpRequest, slug: str, tahun: int, pk: int) -> BatchLakip:
    organisasi = get_organisasi_for_user(request.user, slug)
    return get_object_or_404(BatchLakip, pk=pk, organisasi=organisasi, tahun=tahun)


@login_required
def batch(request: HttpRequest, slug: str, tahun: int, pk: int) -> HttpResponse:
    """Done, failed and waiting satker of a batch; the page reloads itself until none waits."""
    b = _batch(request, slug, tahun, pk)
    return render(request, "laporan/batch.html", {"k": batch_kemajuan(batch=b), "tahun": tahun})


@login_required
@require_POST
def batch_ulangi(request: HttpRequest, slug: str, tahun: int, pk: int, item: int) -> HttpResponse:
    b = _batch(request, slug, tahun, pk)
    try:
        baris = BatchLakipItem.objects.select_related("batch", "organisasi").get(pk=item, batch=b)
    except BatchLakipItem.DoesNotExist:
        raise Http404 from None
    try:
        if cetak.batch_item_ulangi(item=baris, oleh=request.user):
            tasks.cetak_batch_item.delay(baris.pk)
            messages.success(request, f"{baris.organisasi} disusun ulang.")
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    return redirect("laporan:batch", slug=slug, tahun=tahun, pk=b.pk)
