"""Accounts of an organisation, kept by its own admins (superusers: any) instead of the
Django admin: create, change, deactivate and set a new password.

An organisation's admin grants at most the organisation's roles: never superuser or access to
the Django admin, and never touches an account that has either (its password would open that
access). Evaluator accounts too stay with superusers. Accounts are deactivated, never
deleted: agreements, signatures and history point at them. An admin may not deactivate or
demote themself, so the organisation keeps its admin."""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from inti.galat import Ditolak, TidakBerwenang
from organisasi.akses import is_admin_organisasi
from organisasi.models import Organisasi, Pengguna, UnitKerja

# What the account form may change; the organisation, superuser and staff flags stay with
# superusers in the Django admin.
KOLOM_AKUN = ("first_name", "last_name", "email", "peran", "unit_kerja", "is_active")
# Heads and staff act for one unit (the model's constraint pengguna_kepala_staf_punya_unit).
PERAN_BERUNIT = (Pengguna.Peran.KEPALA, Pengguna.Peran.STAF)


def _boleh(oleh: Pengguna, organisasi: Organisasi) -> None:
    if not is_admin_organisasi(oleh, organisasi.pk):
        raise TidakBerwenang("Hanya admin organisasi ini yang dapat mengelola akun penggunanya.")


def peran_boleh(oleh: Pengguna) -> list[str]:
    """The roles this user may grant. The evaluator (Inspektorat) judges the organisation's
    own self-assessment, so only a superuser appoints one."""
    if oleh.is_superuser:
        return list(Pengguna.Peran.values)
    return [p for p in Pengguna.Peran.values if p != Pengguna.Peran.EVALUATOR]


def pesan_tak_boleh_diubah(oleh: Pengguna, akun: Pengguna) -> str:
    """Why this admin may not change this account of their organisation ("" if they may)."""
    if oleh.is_superuser or akun.pk == oleh.pk:
        return ""
    if akun.is_superuser or akun.is_staff:
        return "Akun ini mempunyai akses ke admin Django; hanya superuser yang dapat mengubahnya."
    if akun.peran not in peran_boleh(oleh):
        return "Akun evaluator hanya dapat diubah oleh superuser."
    return ""


def _boleh_ubah_akun(oleh: Pengguna, akun: Pengguna, organisasi: Organisasi) -> None:
    if akun.organisasi_id != organisasi.pk:
        raise TidakBerwenang("Akun ini bukan milik organisasi ini.")
    if pesan := pesan_tak_boleh_diubah(oleh, akun):
        raise TidakBerwenang(pesan)


def _periksa_nilai(organisasi: Organisasi, nilai: Mapping[str, Any], oleh: Pengguna) -> None:
    peran = nilai.get("peran")
    if peran not in Pengguna.Peran.values:
        raise Ditolak("Pilih peran akun.")
    if peran not in peran_boleh(oleh):
        raise Ditolak("Peran Evaluator (Inspektorat) hanya dapat diberikan oleh superuser.")
    unit: UnitKerja | None = nilai.get("unit_kerja")
    if unit is not None and unit.organisasi_id != organisasi.pk:
        raise Ditolak("Unit kerja harus unit organisasi ini.")
    if peran in PERAN_BERUNIT and unit is None:
        raise Ditolak("Kepala subbagian dan staf harus mempunyai unit kerja.")


def _periksa(akun: Pengguna) -> None:
    try:
        akun.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise Ditolak(exc.messages) from None


def _periksa_sandi(sandi: str, akun: Pengguna) -> None:
    try:
        validate_password(sandi, user=akun)
    except ValidationError as exc:
        raise Ditolak(exc.messages) from None


def akun_buat(
    *, organisasi: Organisasi, username: str, sandi: str, nilai: Mapping[str, Any], oleh: Pengguna
) -> Pengguna:
    """A new active account of this organisation with its first password; never a superuser
    nor Django admin staff, whatever `nilai` holds."""
    _boleh(oleh, organisasi)
    username = username.strip()
    if Pengguna.objects.filter(username__iexact=username).exists():
        raise Ditolak(f"Nama pengguna {username} sudah dipakai; pilih nama lain.")
    _periksa_nilai(organisasi, nilai, oleh)
    akun = Pengguna(username=username, organisasi=organisasi, is_active=True)
    for kolom in KOLOM_AKUN:
        if kolom in nilai and kolom != "is_active":
            setattr(akun, kolom, nilai[kolom])
    akun.is_superuser = akun.is_staff = False
    _periksa_sandi(sandi, akun)
    akun.set_password(sandi)
    _periksa(akun)
    with transaction.atomic():
        akun.save()
    return akun


def akun_ubah(
    *, organisasi: Organisasi, akun: Pengguna, nilai: Mapping[str, Any], oleh: Pengguna
) -> Pengguna:
    """Change the name, email, role, unit or active flag of one of the organisation's accounts."""
    _boleh(oleh, organisasi)
    _boleh_ubah_akun(oleh, akun, organisasi)
    if akun.pk == oleh.pk:
        if nilai.get("is_active") is False:
            raise Ditolak("Anda tidak dapat menonaktifkan akun Anda sendiri.")
        if akun.peran == Pengguna.Peran.ADMIN and nilai.get("peran") != Pengguna.Peran.ADMIN:
            raise Ditolak("Anda tidak dapat menurunkan peran akun Anda sendiri.")
    _periksa_nilai(organisasi, nilai, oleh)
    for kolom in KOLOM_AKUN:
        if kolom in nilai:
            setattr(akun, kolom, nilai[kolom])
    _periksa(akun)
    with transaction.atomic():
        akun.save(update_fields=[k for k in KOLOM_AKUN if k in nilai])
    return akun


def akun_atur_sandi(
    *, organisasi: Organisasi, akun: Pengguna, sandi: str, oleh: Pengguna
) -> Pengguna:
    """Set a new password, checked by the password validators; the old one stops working."""
    _boleh(oleh, organisasi)
    _boleh_ubah_akun(oleh, akun, organisasi)
    _periksa_sandi(sandi, akun)
    akun.set_password(sandi)
    with transaction.atomic():
        akun.save(update_fields=["password"])
    return akun
