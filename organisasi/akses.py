"""Who may see and do what: one helper per kind of object, used by every view.

Anything outside the user's organisation (or, for heads and staff, outside their unit)
answers 404, so that its existence is not revealed.
"""

from django.http import Http404
from django.utils import timezone

from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja


def is_admin(user: Pengguna) -> bool:
    return user.is_authenticated and (user.is_superuser or user.peran == Pengguna.Peran.ADMIN)


def is_pimpinan(user: Pengguna) -> bool:
    return user.is_authenticated and user.peran == Pengguna.Peran.PIMPINAN


def is_admin_organisasi(user: Pengguna, organisasi_id: int) -> bool:
    """An admin of this organisation (superusers: of every one): who edits and finalises
    its report, locks its years and reopens its periods."""
    return is_admin(user) and (user.is_superuser or user.organisasi_id == organisasi_id)


def melihat_semua_unit(user: Pengguna) -> bool:
    """Admins and pimpinan read every unit of their organisation."""
    return is_admin(user) or is_pimpinan(user)


def get_organisasi_for_user(user: Pengguna, slug: str) -> Organisasi:
    """The organisation named in the URL, if the user belongs to it (superusers: any)."""
    try:
        organisasi = Organisasi.objects.get(slug=slug)
    except Organisasi.DoesNotExist:
        raise Http404 from None
    if not user.is_authenticated:
        raise Http404
    if user.is_superuser or user.organisasi_id == organisasi.pk:
        return organisasi
    raise Http404


def get_unit_for_user(user: Pengguna, organisasi: Organisasi, slug: str) -> UnitKerja:
    """A unit of the organisation that the user may read: all for admins and pimpinan,
    only their own for heads and staff."""
    try:
        unit = UnitKerja.objects.get(organisasi=organisasi, slug=slug)
    except UnitKerja.DoesNotExist:
        raise Http404 from None
    if melihat_semua_unit(user) or user.unit_kerja_id == unit.pk:
        return unit
    raise Http404


def pejabat_aktif(user: Pengguna, pejabat: Pejabat | None) -> bool:
    """Whether the user holds this position now: the only person who may sign for it."""
    return (
        user.is_authenticated
        and pejabat is not None
        and pejabat.pengguna_id == user.pk
        and (pejabat.selesai is None or pejabat.selesai >= timezone.localdate())
    )
