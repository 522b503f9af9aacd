"""The account pages of the profile: the organisation's admins keep its accounts, its
pimpinan read the list; everyone else of the organisation gets 403, other organisations 404."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from inti.galat import Ditolak
from organisasi.akses import get_organisasi_for_user, is_admin_organisasi, is_pimpinan
from organisasi.models import Organisasi, Pengguna
from organisasi.pesan import ditolak_ke_form
from perencanaan.profil import akun as services
from perencanaan.profil import forms_akun as forms


def _organisasi(request: HttpRequest, org: str, *, tulis: bool) -> tuple[Organisasi, bool]:
    """The organisation (404 if unreadable) and whether the user may change its accounts.
    Reading the list is for its admins and pimpinan; the rest answers 403."""
    organisasi = get_organisasi_for_user(request.user, org)
    boleh = is_admin_organisasi(request.user, organisasi.pk)
    membaca = boleh or (is_pimpinan(request.user) and request.user.organisasi_id == organisasi.pk)
    if not (boleh if tulis or request.method == "POST" else membaca):
        raise PermissionDenied("Hanya admin organisasi ini yang dapat mengelola akun penggunanya.")
    return organisasi, boleh


def _akun(request: HttpRequest, organisasi: Organisasi, pk: int) -> Pengguna:
    """One account of the organisation that this admin may change (else 403)."""
    akun = get_object_or_404(Pengguna, organisasi=organisasi, pk=pk)
    if pesan := services.pesan_tak_boleh_diubah(request.user, akun):
        raise PermissionDenied(pesan)
    return akun


@login_required
def akun_daftar(request: HttpRequest, org: str) -> HttpResponse:
    organisasi, boleh = _organisasi(request, org, tulis=False)
    daftar = (
        Pengguna.objects.filter(organisasi=organisasi)
        .select_related("unit_kerja")
        .order_by("-is_active", "username")
    )
    # Accounts with Django admin access and evaluators stay with superusers: no buttons.
    ubah = {a.pk for a in daftar if boleh and not services.pesan_tak_boleh_diubah(request.user, a)}
    return render(
        request,
        "perencanaan/profil/akun_daftar.html",
        {"organisasi": organisasi, "boleh": boleh, "daftar": daftar, "ubah": ubah},
    )


@login_required
def akun_baru(request: HttpRequest, org: str) -> HttpResponse:
    organisasi, _ = _organisasi(request, org, tulis=True)
    form = forms.AkunBaruForm(request.POST or None, organisasi=organisasi, oleh=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            akun = services.akun_buat(
                organisasi=organisasi,
                username=form.cleaned_data["username"],
                sandi=form.cleaned_data["sandi"],
                nilai=form.nilai(),
                oleh=request.user,
            )
        except Ditolak as exc:
            ditolak_ke_form(form, exc)
        else:
            messages.success(request, f"Akun {akun.username} dibuat; sampaikan kata sandinya.")
            return redirect("perencanaan_akun", org=org)
    return render(
        request,
        "perencanaan/profil/akun_form.html",
        {"organisasi": organisasi, "form": form, "akun": None},
    )


@login_required
def akun_ubah(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisasi, _ = _organisasi(request, org, tulis=True)
    akun = _akun(request, organisasi, pk)
    form = forms.AkunForm(
        request.POST or None, instance=akun, organisasi=organisasi, oleh=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.akun_ubah(
                organisasi=organisasi, akun=akun, nilai=form.nilai(), oleh=request.user
            )
        except Ditolak as exc:
            akun.refresh_from_db()  # the page's title shows what is saved
            ditolak_ke_form(form, exc)
        else:
            messages.success(request, f"Akun {akun.username} disimpan.")
            return redirect("perencanaan_akun", org=org)
    return render(
        request,
        "perencanaan/profil/akun_form.html",
        {"organisasi": organisasi, "form": form, "akun": akun},
    )


@login_required
def akun_sandi(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisasi, _ = _organisasi(request, org, tulis=True)
    akun = _akun(request, organisasi, pk)
    form = forms.SandiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.akun_atur_sandi(
                organisasi=organisasi,
                akun=akun,
                sandi=form.cleaned_data["sandi"],
                oleh=request.user,
            )
        except Ditolak as exc:
            ditolak_ke_form(form, exc)
        else:
            if akun.pk == request.user.pk:
                update_session_auth_hash(request, akun)  # stay logged in on this device
            messages.success(request, f"Kata sandi baru akun {akun.username} disimpan.")
            return redirect("perencanaan_akun", org=org)
    return render(
        request,
        "perencanaan/profil/akun_sandi.html",
        {"organisasi": organisasi, "form": form, "akun": akun},
    )
