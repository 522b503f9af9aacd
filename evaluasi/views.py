"""The LKE worksheet: thin views over evaluasi.services and evaluasi.selectors."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from evaluasi import services
from evaluasi.akses import (
    boleh_mengevaluasi,
    boleh_mengisi_mandiri,
    boleh_menulis,
    get_organisasi_lke_for_user,
)
from evaluasi.forms import (
    EvaluatorForm,
    MandiriForm,
    RekomendasiForm,
    SelesaiForm,
    TindakLanjutForm,
)
from evaluasi.models import Evaluasi, Jawaban, Rekomendasi
from evaluasi.saran import dokumen_semua
from evaluasi.selectors import lembar_kerja
from inti.galat import Ditolak
from kinerja.models import penyimpanan_pribadi
from organisasi.pesan import tampilkan_ditolak


def _evaluasi(request: HttpRequest, org: str, tahun: int) -> tuple:
    organisasi = get_organisasi_lke_for_user(request.user, org)
    evaluasi = (
        Evaluasi.objects.filter(organisasi=organisasi, tahun=tahun)
        .select_related("organisasi", "kerangka")
        .first()
    )
    return organisasi, evaluasi


def _formulir(request: HttpRequest, lembar, sisi: str, dokumen: list[tuple[str, str]]) -> dict:
    """One form per criterion, prefixed by its code; unanswered rows start from the suggestion."""
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    formulir = {}
    for k in lembar.komponen:
        for s in k.sub:
            for b in s.kriteria:
                j = b.jawaban
                if sisi == "mandiri":
                    awal = {
                        "jawaban": (j.jawaban_mandiri if j else "") or b.saran_jawaban,
                        "penjelasan": (j.penjelasan if j else "")
                        or ("\n".join(b.saran.rincian) if b.saran else ""),
                        "bukti_tautan": j.bukti_tautan if j else "",
                    }
                    formulir[b.kriteria.pk] = MandiriForm(
                        data,
                        files,
                        prefix=b.kriteria.kode,
                        initial=awal,
                        kriteria=b.kriteria,
                        dokumen=dokumen,
                    )
                else:
                    awal = {
                        "jawaban": j.jawaban_evaluator if j else "",
                        "catatan": j.catatan_evaluator if j else "",
                    }
                    formulir[b.kriteria.pk] = EvaluatorForm(
                        data, prefix=b.kriteria.kode, initial=awal, kriteria=b.kriteria
                    )
                b.form = formulir[b.kriteria.pk]  # type: ignore[attr-defined]
    return formulir


@login_required
def lembar(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi, evaluasi = _evaluasi(request, org, tahun)
    konteks: dict = {"organisasi": organisasi, "tahun": tahun, "evaluasi": evaluasi}
    if evaluasi is None:
        konteks["boleh_membuka"] = boleh_menulis(request.user, organisasi)
        return render(request, "evaluasi/lembar.html", konteks)
    lk = lembar_kerja(evaluasi)
    sisi = ""
    if boleh_mengisi_mandiri(request.user, organisasi) and not (
        evaluasi.mandiri_terkunci or evaluasi.diimpor
    ):
        sisi = "mandiri"
    elif boleh_mengevaluasi(request.user, organisasi) and not evaluasi.selesai:
        sisi = "evaluator"
    dokumen = [(d.alamat, d.judul) for d in dokumen_semua(organisasi, tahun)]
    formulir = _formulir(request, lk, sisi, dokumen) if sisi else {}
    if request.method == "POST":
        # Like the other write views: 403 for who may not write, a message for a frozen sheet.
        if not boleh_menulis(request.user, organisasi):
            raise PermissionDenied
        if not sisi:
            messages.error(request, "Lembar kerja ini tidak dapat Anda ubah.")
            return redirect("evaluasi:lembar", org=org, tahun=tahun)
        if all(f.is_valid() for f in formulir.values()):
            try:
                jumlah = _simpan(request, evaluasi, sisi, formulir)
            except Ditolak as exc:
                tampilkan_ditolak(request, exc)
            else:
                messages.success(request, f"{jumlah} jawaban disimpan.")
                return redirect("evaluasi:lembar", org=org, tahun=tahun)
        else:
            messages.error(request, "Periksa isian yang ditandai.")
    konteks.update(
        lembar=lk,
        sisi=sisi,
        formulir=formulir,
        dokumen=dict(dokumen),
        boleh_evaluasi=boleh_mengevaluasi(request.user, organisasi),
        boleh_mandiri=boleh_mengisi_mandiri(request.user, organisasi),
        form_selesai=SelesaiForm(),
        form_rekomendasi=RekomendasiForm(organisasi=organisasi),
    )
    return render(request, "evaluasi/lembar.html", konteks)


def _simpan(request: HttpRequest, evaluasi: Evaluasi, sisi: str, formulir: dict) -> int:
    if sisi == "mandiri":
        return services.jawaban_mandiri_simpan(
            pengguna=request.user,
            evaluasi=evaluasi,
            isian=[
                services.IsianMandiri(
                    kriteria=f.kriteria,
                    jawaban=f.cleaned_data["jawaban"],
                    penjelasan=f.cleaned_data["penjelasan"],
                    bukti_tautan=f.cleaned_data["bukti_tautan"],
                    berkas=f.cleaned_data["berkas"],
                )
                for f in formulir.values()
            ],
        )
    return services.jawaban_evaluator_simpan(
        pengguna=request.user,
        evaluasi=evaluasi,
        isian=[
            services.IsianEvaluator(
                kriteria=f.kriteria,
                jawaban=f.cleaned_data["jawaban"],
                catatan=f.cleaned_data["catatan"],
            )
            for f in formulir.values()
        ],
    )


@login_required
@require_POST
def buka(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi = get_organisasi_lke_for_user(request.user, org)
    _jalankan(request, services.evaluasi_buka, organisasi=organisasi, tahun=tahun)
    return redirect("evaluasi:lembar", org=org, tahun=tahun)


def _jalankan(
    request: HttpRequest, layanan: Callable[..., object], berhasil: str = "", **argumen: Any
) -> None:
    """Call a service as the user; its refusal (403 for a missing permission) or the success
    message shows on the next page."""
    try:
        layanan(pengguna=request.user, **argumen)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    else:
        if berhasil:
            messages.success(request, berhasil)


def _aksi(request: HttpRequest, org: str, tahun: int) -> Evaluasi:
    _, evaluasi = _evaluasi(request, org, tahun)
    if evaluasi is None:
        raise Http404
    return evaluasi


@login_required
@require_POST
def ajukan(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    evaluasi = _aksi(request, org, tahun)
    berhasil = "Penilaian mandiri diajukan kepada evaluator."
    _jalankan(request, services.mandiri_ajukan, berhasil, evaluasi=evaluasi)
    return redirect("evaluasi:lembar", org=org, tahun=tahun)


@login_required
@require_POST
def selesaikan(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    evaluasi = _aksi(request, org, tahun)
    form = SelesaiForm(request.POST)
    form.is_valid()
    _jalankan(
        request,
        services.evaluasi_selesaikan,
        "Evaluasi diselesaikan.",
        evaluasi=evaluasi,
        nomor_lhe=form.cleaned_data.get("nomor_lhe", ""),
    )
    return redirect("evaluasi:lembar", org=org, tahun=tahun)


@login_required
@require_POST
def rekomendasi_tambah(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    evaluasi = _aksi(request, org, tahun)
    form = RekomendasiForm(request.POST, organisasi=evaluasi.organisasi)
    if not form.is_valid():
        messages.error(request, "Rekomendasi belum lengkap: uraian dan batas waktu wajib diisi.")
        return redirect("evaluasi:lembar", org=org, tahun=tahun)
    berhasil = "Rekomendasi ditambahkan."
    _jalankan(
        request, services.rekomendasi_tambah, berhasil, evaluasi=evaluasi, **form.cleaned_data
    )
    return redirect("evaluasi:lembar", org=org, tahun=tahun)


@login_required
@require_POST
def tindak_lanjut(request: HttpRequest, pk: int) -> HttpResponse:
    rekomendasi = get_object_or_404(Rekomendasi.objects.select_related("evaluasi"), pk=pk)
    evaluasi = rekomendasi.evaluasi
    get_organisasi_lke_for_user(request.user, evaluasi.organisasi.slug)
    form = TindakLanjutForm(request.POST)
    if form.is_valid():
        berhasil = "Tindak lanjut rekomendasi disimpan."
        _jalankan(
            request,
            services.rekomendasi_tindak_lanjut,
            berhasil,
            rekomendasi=rekomendasi,
            **form.cleaned_data,
        )
    return redirect("evaluasi:lembar", org=evaluasi.organisasi.slug, tahun=evaluasi.tahun)


@login_required
def bukti_unduh(request: HttpRequest, pk: int) -> FileResponse:
    """An uploaded evidence file, only for people who may read the worksheet."""
    jawaban = get_object_or_404(Jawaban.objects.select_related("evaluasi__organisasi"), pk=pk)
    get_organisasi_lke_for_user(request.user, jawaban.evaluasi.organisasi.slug)
    if not jawaban.bukti_berkas:
        raise Http404
    respons = FileResponse(
        penyimpanan_pribadi().open(jawaban.bukti_berkas.name, "rb"),
        as_attachment=True,
        filename=jawaban.bukti_nama_asli or "bukti",
        content_type=jawaban.bukti_jenis_konten or "application/octet-stream",
    )
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Cache-Control"] = "private, no-store"
    return respons
