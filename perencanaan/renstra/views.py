"""The Renstra pages: everyone of the organisation reads, its admins write (through
perencanaan.renstra.services, which check the permission again)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from inti.galat import Ditolak
from kinerja.models import StandarNasional
from organisasi.akses import get_organisasi_for_user, is_admin_organisasi
from organisasi.models import Organisasi
from organisasi.pesan import ditolak_ke_form, pesan_ditolak, tampilkan_ditolak
from perencanaan.renstra import selectors, services
from perencanaan.renstra.forms import (
    IndikatorForm,
    MisiForm,
    RenstraForm,
    SasaranForm,
    SasaranTujuanForm,
    StandarNasionalForm,
    TargetGridForm,
    TujuanForm,
)
from renstra.models import (
    IndikatorKinerja,
    Misi,
    Renstra,
    SasaranStrategis,
    SasaranTujuan,
    Tujuan,
)

# The parts edited by the one generic page: URL word -> (model, form, title).
JENIS: dict[str, tuple[type, type[forms.ModelForm], str]] = {
    "misi": (Misi, MisiForm, "Misi"),
    "tujuan": (Tujuan, TujuanForm, "Tujuan"),
    "sasaran-tujuan": (SasaranTujuan, SasaranTujuanForm, "Sasaran tujuan"),
    "sasaran": (SasaranStrategis, SasaranForm, "Sasaran strategis"),
    "indikator": (IndikatorKinerja, IndikatorForm, "Indikator kinerja"),
}


def _organisasi(request: HttpRequest, org: str, *, tulis: bool = False) -> Organisasi:
    organisasi = get_organisasi_for_user(request.user, org)
    if tulis and not is_admin_organisasi(request.user, organisasi.pk):
        raise PermissionDenied("Hanya admin organisasi yang dapat mengubah Renstra.")
    return organisasi


def _renstra(organisasi: Organisasi, pk: int) -> Renstra:
    return get_object_or_404(Renstra, pk=pk, organisasi=organisasi)


def _bagian(renstra: Renstra, jenis: str, item: int | None):
    """An existing part of this Renstra (404 if it belongs elsewhere), or a new one."""
    if jenis not in JENIS:
        raise Http404
    model = JENIS[jenis][0]
    if item is None:
        # A sasaran tujuan and an indicator get their parent from the form's choice.
        return model() if model in (SasaranTujuan, IndikatorKinerja) else model(renstra=renstra)
    jalur = {SasaranTujuan: "tujuan__renstra", IndikatorKinerja: "sasaran__renstra"}
    return get_object_or_404(model, pk=item, **{jalur.get(model, "renstra"): renstra})


@login_required
def perencanaan_renstra(request: HttpRequest, org: str) -> HttpResponse:
    organisasi = _organisasi(request, org)
    konteks = {
        "organisasi": organisasi,
        "daftar": selectors.renstra_organisasi(organisasi),
        "boleh_ubah": is_admin_organisasi(request.user, organisasi.pk),
    }
    return render(request, "perencanaan/renstra/daftar.html", konteks)


@login_required
def renstra_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisasi = _organisasi(request, org)
    renstra = _renstra(organisasi, pk)
    konteks = {
        "organisasi": organisasi,
        "renstra": renstra,
        "boleh_ubah": is_admin_organisasi(request.user, organisasi.pk),
        **selectors.renstra_lengkap(renstra),
    }
    return render(request, "perencanaan/renstra/detail.html", konteks)


@login_required
def renstra_ubah(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisasi = _organisasi(request, org, tulis=True)
    renstra = _renstra(organisasi, pk) if pk else Renstra(organisasi=organisasi)
    form = RenstraForm(request.POST or None, instance=renstra)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.renstra_simpan(oleh=request.user, renstra=form.instance)
        except Ditolak as exc:
            kesalahan = pesan_ditolak(exc)
        else:
            messages.success(request, "Renstra disimpan.")
            return redirect("perencanaan_renstra_detail", org=org, pk=renstra.pk)
    konteks = {
        "organisasi": organisasi,
        "renstra": renstra if renstra.pk else None,
        "form": form,
        "judul": "Ubah Renstra" if renstra.pk else "Renstra baru",
        "kesalahan": kesalahan,
    }
    return render(request, "perencanaan/renstra/form.html", konteks)


@login_required
def bagian_ubah(
    request: HttpRequest, org: str, pk: int, jenis: str, item: int | None = None
) -> HttpResponse:
    organisasi = _organisasi(request, org, tulis=True)
    renstra = _renstra(organisasi, pk)
    objek = _bagian(renstra, jenis, item)
    _model, kelas_form, judul = JENIS[jenis]
    tambahan = {"renstra": renstra} if jenis in ("sasaran-tujuan", "indikator") else {}
    form = kelas_form(request.POST or None, instance=objek, **tambahan)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.bagian_simpan(oleh=request.user, objek=form.instance)
        except Ditolak as exc:
            kesalahan = pesan_ditolak(exc)
        else:
            messages.success(request, f"{judul} disimpan.")
            return redirect("perencanaan_renstra_detail", org=org, pk=renstra.pk)
    konteks = {
        "organisasi": organisasi,
        "renstra": renstra,
        "form": form,
        "objek": objek if objek.pk else None,
        "jenis": jenis,
        "judul": f"{'Ubah' if objek.pk else 'Tambah'} {judul.lower()}",
        "kesalahan": kesalahan,
    }
    if isinstance(objek, IndikatorKinerja) and objek.pk:
        konteks["dampak"] = selectors.dampak_ubah_indikator(objek)
        konteks["standar"] = selectors.standar_nasional(objek)
    return render(request, "perencanaan/renstra/form.html", konteks)


@login_required
@require_POST
def bagian_hapus(request: HttpRequest, org: str, pk: int, jenis: str, item: int) -> HttpResponse:
    organisasi = _organisasi(request, org, tulis=True)
    renstra = _renstra(organisasi, pk)
    objek = _bagian(renstra, jenis, item)
    try:
        services.bagian_hapus(oleh=request.user, objek=objek)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    else:
        messages.success(request, f"{JENIS[jenis][2]} dihapus.")
    return redirect("perencanaan_renstra_detail", org=org, pk=renstra.pk)


@login_required
@require_POST
def renstra_hapus(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisasi = _organisasi(request, org, tulis=True)
    renstra = _renstra(organisasi, pk)
    try:
        services.bagian_hapus(oleh=request.user, objek=renstra)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
        return redirect("perencanaan_renstra_detail", org=org, pk=renstra.pk)
    messages.success(request, "Renstra dihapus.")
    return redirect("perencanaan_renstra", org=org)


@login_required
def target_ubah(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisasi = _organisasi(request, org, tulis=True)
    renstra = _renstra(organisasi, pk)
    indikator = list(
        IndikatorKinerja.objects.filter(sasaran__renstra=renstra).select_related("sasaran")
    )
    form = TargetGridForm(
        request.POST or None,
        renstra=renstra,
        indikator=indikator,
        ada=selectors.target_renstra(renstra),
    )
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.target_renstra_simpan(
                oleh=request.user, renstra=renstra, target=form.cleaned_data["sel"]
            )
        except Ditolak as exc:
            kesalahan = pesan_ditolak(exc)
        else:
            messages.success(request, "Target Renstra disimpan.")
            return redirect("perencanaan_renstra_detail", org=org, pk=renstra.pk)
    konteks = {
        "organisasi": organisasi,
        "renstra": renstra,
        "form": form,
        "kesalahan": kesalahan,
    }
    return render(request, "perencanaan/renstra/target.html", konteks)


@login_required
def standar_ubah(request: HttpRequest, org: str, pk: int, item: int) -> HttpResponse:
    """Set one year's national standard of an indicator (?tahun= opens that year's)."""
    organisasi = _organisasi(request, org, tulis=True)
    renstra = _renstra(organisasi, pk)
    indikator = _bagian(renstra, "indikator", item)
    tahun = request.GET.get("tahun", "")
    ada = (
        StandarNasional.objects.filter(indikator=indikator, tahun=int(tahun)).first()
        if tahun.isdigit()
        else None
    )
    form = StandarNasionalForm(request.POST or None, indikator=indikator, ada=ada)
    if request.method == "POST" and form.is_valid():
        try:
            services.standar_nasional_simpan(
                oleh=request.user,
                indikator=indikator,
                tahun=form.cleaned_data["tahun"],
                nilai=form.cleaned_data.get("nilai"),
                tingkat=form.cleaned_data.get("tingkat"),
                sumber=form.cleaned_data["sumber"],
            )
        except Ditolak as exc:
            ditolak_ke_form(form, exc)
        else:
            messages.success(
                request, f"Standar nasional tahun {form.cleaned_data['tahun']} disimpan."
            )
            return redirect(
                "perencanaan_renstra_bagian", org=org, pk=pk, jenis="indikator", item=item
            )
    konteks = {"organisasi": organisasi, "renstra": renstra, "indikator": indikator, "form": form}
    return render(request, "perencanaan/renstra/standar.html", konteks)


@login_required
@require_POST
def standar_hapus(request: HttpRequest, org: str, pk: int, item: int, standar: int) -> HttpResponse:
    organisasi = _organisasi(request, org, tulis=True)
    indikator = _bagian(_renstra(organisasi, pk), "indikator", item)
    objek = get_object_or_404(StandarNasional, pk=standar, indikator=indikator)
    try:
        services.standar_nasional_hapus(oleh=request.user, standar=objek)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    else:
        messages.success(request, f"Standar nasional tahun {objek.tahun} dihapus.")
    return redirect("perencanaan_renstra_bagian", org=org, pk=pk, jenis="indikator", item=item)
