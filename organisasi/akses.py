"""Who may see and do what: one helper per kind of object, used by every view.

Reading follows the organisation tree: everyone reads their own organisation, and those who
read it as a whole (admins, pimpinan, evaluators) also read every organisation below it (a
province its kabupaten/kota, KPU RI all), never its siblings or parents. Writing stays
within the user's own organisation (superusers: everywhere). Anything a user may not read
answers 404, so that its existence is not revealed.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja


def is_admin(user: Pengguna) -> bool:
    return user.is_authenticated and (user.is_superuser or user.peran == Pengguna.Peran.ADMIN)


def is_pimpinan(user: Pengguna) -> bool:
    return user.is_authenticated and user.peran == Pengguna.Peran.PIMPINAN


def boleh_tulis(user: Pengguna, organisasi_id: int) -> bool:
    """Writes stay within the user's own organisation (superusers: any); each service
    narrows this further by role."""
    return user.is_authenticated and (user.is_superuser or user.organisasi_id == organisasi_id)


def is_admin_organisasi(user: Pengguna, organisasi_id: int) -> bool:
    """An admin of this organisation (superusers: of every one): who edits and finalises
    its report, locks its years and reopens its periods."""
    return is_admin(user) and boleh_tulis(user, organisasi_id)


def membaca_turunan(user: Pengguna) -> bool:
    """Those who read their organisation as a whole read the organisations below it too."""
    return melihat_semua_unit(user) or (
        user.is_authenticated and user.peran == Pengguna.Peran.EVALUATOR
    )


def turunan_ids(organisasi_id: int) -> list[int]:
    """Every organisation below this one, nearest level first: one query per level (three
    for the KPU), whatever the number of organisations. A cycle stops the walk."""
    hasil: list[int] = []
    dilihat = {organisasi_id}
    lapis = [organisasi_id]
    while lapis:
        lapis = [
            pk
            for pk in Organisasi.objects.filter(induk_id__in=lapis).values_list("pk", flat=True)
            if pk not in dilihat
        ]
        dilihat.update(lapis)
        hasil.extend(lapis)
    return hasil


def leluhur_ids(organisasi: Organisasi) -> list[int]:
    """The parents of this organisation, nearest first: one query per level above the
    first. A cycle stops the walk."""
    hasil: list[int] = []
    induk_id = organisasi.induk_id
    while induk_id is not None and induk_id not in hasil and induk_id != organisasi.pk:
        hasil.append(induk_id)
        induk_id = Organisasi.objects.filter(pk=induk_id).values_list("induk_id", flat=True).first()
    return hasil


def organisasi_terbaca(user: Pengguna) -> QuerySet[Organisasi]:
    """Every organisation the user may read: theirs, and those below it for the roles of
    membaca_turunan; superusers every one."""
    if not user.is_authenticated or (user.organisasi_id is None and not user.is_superuser):
        return Organisasi.objects.none()
    if user.is_superuser:
        return Organisasi.objects.all()
    ids = [user.organisasi_id]
    if membaca_turunan(user):
        ids += turunan_ids(user.organisasi_id)
    return Organisasi.objects.filter(pk__in=ids)


def boleh_baca(user: Pengguna, organisasi: Organisasi) -> bool:
    """Whether the user may read this organisation's pages and exports (organisasi_terbaca
    for one organisation, walking up from it instead of down from the user's)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.organisasi_id == organisasi.pk:
        return True
    if user.organisasi_id is None or not membaca_turunan(user):
        return False
    return user.organisasi_id in leluhur_ids(organisasi)


def melihat_semua_unit(user: Pengguna) -> bool:
    """Admins and pimpinan read every unit of their organisation."""
    return is_admin(user) or is_pimpinan(user)


def get_organisasi_for_user(user: Pengguna, slug: str) -> Organisasi:
    """The organisation named in the URL, if the user may read it (boleh_baca)."""
    try:
        organisasi = Organisasi.objects.get(slug=slug)
    except Organisasi.DoesNotExist:
        raise Http404 from None
    if boleh_baca(user, organisasi):
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
