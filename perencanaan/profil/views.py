"""The Perencanaan index and the profile pages. Everyone who reads the organisation sees
them; only its admins get the forms (others: 403 on a write), through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from inti.galat import Ditolak
from organisasi.akses import get_organisasi_for_user, is_admin_organisasi
from organisasi.models import JumlahPegawai, Organisasi, Pejabat, UnitKerja, UraianTugas
from organisasi.pesan import ditolak_ke_form, tampilkan_ditolak
from perencanaan.profil import forms, services


def _organisasi(request: HttpRequest, org: str) -> tuple[Organisasi, bool]:
    """The organisation (404 if unreadable) and whether the user may edit it; a write by
    someone who may not answers 403."""
    organisasi = get_organisasi_for_user(request.user, org)
    boleh = is_admin_organisasi(request.user, organisasi.pk)
    if request.method == "POST" and not boleh:
        raise PermissionDenied("Hanya admin organisasi ini yang dapat mengubah profilnya.")
    return organisasi, boleh


@login_required
def indeks_terkini(request: HttpRequest) -> HttpResponse:
    """The main menu's entry: the user's own organisation."""
    if request.user.organisasi_id is None:
        raise Http404
    return redirect("perencanaan_indeks", org=request.user.organisasi.slug)


@login_required
def indeks(request: HttpRequest, org: str) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org)
    return render(
        request, "perencanaan/profil/indeks.html", {"organisasi": organisasi, "boleh": boleh}
    )


@login_required
def profil(request: HttpRequest, org: str) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org)
    form = forms.ProfilForm(
        request.POST or None,
        request.FILES or None,
        instance=organisasi,
        boleh_induk=request.user.is_superuser,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisasi_ubah(
                organisasi=organisasi,
                nilai=form.nilai(),
                logo=form.logo_baru(),
                ganti_induk=form.ganti_induk(),
                induk=form.cleaned_data["induk"],
                oleh=request.user,
            )
        except Ditolak as exc:
            organisasi.refresh_from_db()  # the page's title shows what is saved
            ditolak_ke_form(form, exc)
        else:
            messages.success(request, "Profil organisasi disimpan.")
            return redirect("perencanaan_profil", org=org)
    return render(
        request,
        "perencanaan/profil/profil.html",
        {"organisasi": organisasi, "boleh": boleh, "form": form},
    )


@login_required
def unit_daftar(request: HttpRequest, org: str) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org)
    unit = UnitKerja.objects.filter(organisasi=organisasi).select_related("induk")
    return render(
        request,
        "perencanaan/profil/unit_daftar.html",
        {"organisasi": organisasi, "boleh": boleh, "daftar": unit},
    )


@login_required
def unit_ubah(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org)
    if not boleh:
        raise PermissionDenied
    unit = get_object_or_404(UnitKerja, organisasi=organisasi, pk=pk) if pk else None
    form = forms.UnitForm(request.POST or None, instance=unit, organisasi=organisasi)
    if request.method == "POST" and form.is_valid():
        nilai = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            services.unit_simpan(organisasi=organisasi, unit=unit, nilai=nilai, oleh=request.user)
        except Ditolak as exc:
            ditolak_ke_form(form, exc)
        else:
            messages.success(request, f"Unit {nilai['nama']} disimpan.")
            return redirect("perencanaan_unit", org=org)
    return render(
        request,
        "perencanaan/profil/unit_form.html",
        {"organisasi": organisasi, "form": form, "unit": unit},
    )


@login_required
@require_POST
def unit_hapus(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisasi, _ = _organisasi(request, org)
    unit = get_object_or_404(UnitKerja, organisasi=organisasi, pk=pk)
    try:
        services.unit_hapus(unit=unit, oleh=request.user)
    except Ditolak as exc:
        tampilkan_ditolak(request, exc)
    else:
        messages.success(request, f"Unit {unit.nama} dihapus.")
    return redirect("perencanaan_unit", org=org)


@login_required
def uraian_tugas(request: HttpRequest, org: str) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org)
    awal = list(UraianTugas.objects.filter(organisasi=organisasi).values("jenis", "urutan", "teks"))
    formset = forms.UraianFormSet(request.POST or None, initial=awal, prefix="uraian")
    if request.method == "POST" and formset.is_valid():
        try:
            services.uraian_tugas_simpan(
                organisasi=organisasi, baris=forms.baris_uraian(formset), oleh=request.user
            )
        except Ditolak as exc:
            tampilkan_ditolak(request, exc)  # shown above the rows still as typed
        else:
            messages.success(request, "Uraian tugas, fungsi dan wewenang disimpan.")
            return redirect("perencanaan_uraian", org=org)
    return render(
        request,
        "perencanaan/profil/uraian.html",
        {"organisasi": organisasi, "boleh": boleh, "formset": formset, "daftar": awal},
    )


@login_required
def pejabat_daftar(request: HttpRequest, org: str) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org)
    daftar = Pejabat.objects.filter(organisasi=organisasi).select_related("unit_kerja", "pengguna")
    return render(
        request,
        "perencanaan/profil/pejabat_daftar.html",
        {"organisasi": organisasi, "boleh": boleh, "daftar": daftar},
    )


@login_required
def pejabat_ubah(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org)
    if not boleh:
        raise PermissionDenied
    pejabat = get_object_or_404(Pejabat, organisasi=organisasi, pk=pk) if pk else None
    form = forms.PejabatForm(request.POST or None, instance=pejabat, organisasi=organisasi)
    if request.method == "POST" and form.is_valid():
        try:
            services.pejabat_simpan(
                organisasi=organisasi, pejabat=pejabat, nilai=form.nilai(), oleh=request.user
            )
        except Ditolak as exc:
            ditolak_ke_form(form, exc)
        else:
            messages.success(request, f"Pejabat {form.cleaned_data['nama']} disimpan.")
            return redirect("perencanaan_pejabat", org=org)
    return render(
        request,
        "perencanaan/profil/pejabat_form.html",
        {"organisasi": organisasi, "form": form, "pejabat": pejabat},
    )


@login_required
def pegawai_terkini(request: HttpRequest, org: str) -> HttpResponse:
    organisasi = get_organisasi_for_user(request.user, org)
    tahun = (
        JumlahPegawai.objects.filter(organisasi=organisasi)
        .order_by("-tahun")
        .values_list("tahun", flat=True)
        .first()
    ) or timezone.localdate().year
    return redirect("perencanaan_pegawai", org=org, tahun=tahun)


@login_required
def pegawai(request: HttpRequest, org: str, tahun: int) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org)
    awal = forms.awal_pegawai(organisasi, tahun)
    formset = forms.PegawaiFormSet(request.POST or None, initial=awal, prefix="pegawai")
    if request.method == "POST" and formset.is_valid():
        try:
            services.jumlah_pegawai_simpan(
                organisasi=organisasi,
                tahun=tahun,
                baris=forms.baris_pegawai(formset),
                oleh=request.user,
            )
        except Ditolak as exc:
            tampilkan_ditolak(request, exc)  # shown above the rows still as typed
        else:
            messages.success(request, f"Jumlah pegawai tahun {tahun} disimpan.")
            return redirect("perencanaan_pegawai", org=org, tahun=tahun)
    return render(
        request,
        "perencanaan/profil/pegawai.html",
        {
            "organisasi": organisasi,
            "boleh": boleh,
            "formset": formset,
            "tahun": tahun,
            "daftar": awal,
            "total": sum(b["jumlah"] for b in awal),
        },
    )
