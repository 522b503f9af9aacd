"""Who may read and change realisasi: one helper per kind of object, used by every view.

Reading follows organisasi.akses (admins and pimpinan: every unit of their organisation and
of those below it; heads and staff: their own unit). Anything a user may not read answers
404. Changing is narrower, and a user who may read but not change gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kinerja.models import BuktiDukung, Periode, Realisasi
from organisasi.akses import (
    boleh_baca,
    get_organisasi_for_user,
    get_unit_for_user,
    is_admin,
    is_admin_organisasi,
    is_pimpinan,
)
from organisasi.models import Organisasi, Pengguna, UnitKerja


def boleh_mengisi(user: Pengguna, unit: UnitKerja) -> bool:
    """Staff enter their own unit's values; admins any unit of their organisation."""
    if is_admin_organisasi(user, unit.organisasi_id):
        return True
    return user.peran == Pengguna.Peran.STAF and user.unit_kerja_id == unit.pk


def boleh_memverifikasi(user: Pengguna, unit: UnitKerja) -> bool:
    """The head of the unit, pimpinan and admins of its organisation verify or return
    submitted values."""
    if is_admin_organisasi(user, unit.organisasi_id):
        return True
    if is_pimpinan(user) and user.organisasi_id == unit.organisasi_id:
        return True
    return user.peran == Pengguna.Peran.KEPALA and user.unit_kerja_id == unit.pk


def boleh_membuka_periode(user: Pengguna, unit: UnitKerja) -> bool:
    """Admins of the unit's organisation reopen its closed periods and lock its years."""
    return is_admin_organisasi(user, unit.organisasi_id)


def wajib(boleh: bool) -> None:
    """For users who may see the page but not do the action."""
    if not boleh:
        raise PermissionDenied


def get_unit_periode_for_user(
    user: Pengguna, org_slug: str, unit_slug: str, periode: str
) -> tuple[Organisasi, UnitKerja, Periode]:
    """A unit's period that the user may read; 404 for anything else."""
    organisasi = get_organisasi_for_user(user, org_slug)
    unit = get_unit_for_user(user, organisasi, unit_slug)
    if periode not in Periode.values:
        raise Http404
    return organisasi, unit, Periode(periode)


def _boleh_membaca_indikator(user: Pengguna, organisasi: Organisasi, unit_id: int | None) -> bool:
    if not boleh_baca(user, organisasi):
        return False
    if is_admin(user) or is_pimpinan(user):
        return True
    return unit_id is not None and user.unit_kerja_id == unit_id


def get_realisasi_for_user(user: Pengguna, pk: int) -> Realisasi:
    try:
        realisasi = Realisasi.objects.select_related(
            "indikator__sasaran__renstra__organisasi",
            "indikator__unit_kerja",
            "indikator__skala",
            "tingkat",
        ).get(pk=pk)
    except Realisasi.DoesNotExist:
        raise Http404 from None
    indikator = realisasi.indikator
    if _boleh_membaca_indikator(
        user, indikator.sasaran.renstra.organisasi, indikator.unit_kerja_id
    ):
        return realisasi
    raise Http404


def get_realisasi_atau_terhapus_for_user(user: Pengguna, pk: int) -> tuple[Realisasi, bool]:
    """A value, or one since deleted as its history last recorded it (True), for users who
    may read its indicator; 404 for anything else."""
    try:
        return get_realisasi_for_user(user, pk), False
    except Http404:
        pass
    rekaman = (
        Realisasi.history.filter(id=pk)
        .select_related(
            "indikator__sasaran__renstra__organisasi", "indikator__unit_kerja", "tingkat"
        )
        .order_by("-history_date", "-history_id")
        .first()
    )
    if rekaman is None or rekaman.history_type != "-":
        raise Http404
    indikator = rekaman.indikator
    if not _boleh_membaca_indikator(
        user, indikator.sasaran.renstra.organisasi, indikator.unit_kerja_id
    ):
        raise Http404
    realisasi = rekaman.instance
    realisasi.indikator, realisasi.tingkat = indikator, rekaman.tingkat
    return realisasi, True


def get_bukti_for_user(user: Pengguna, pk: int) -> BuktiDukung:
    try:
        bukti = BuktiDukung.objects.select_related(
            "realisasi__indikator__sasaran__renstra__organisasi"
        ).get(pk=pk)
    except BuktiDukung.DoesNotExist:
        raise Http404 from None
    indikator = bukti.realisasi.indikator
    if _boleh_membaca_indikator(
        user, indikator.sasaran.renstra.organisasi, indikator.unit_kerja_id
    ):
        return bukti
    raise Http404
