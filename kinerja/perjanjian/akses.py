"""Who may read, draft and sign an agreement."""

from django.http import Http404

from kinerja.models import PerjanjianKinerja
from organisasi.akses import melihat_semua_unit, pejabat_aktif
from organisasi.models import Organisasi, Pejabat, Pengguna


def boleh_menyusun_perjanjian(user: Pengguna, organisasi: Organisasi) -> bool:
    """Admins of the organisation and its Sekretaris draft, amend and delete drafts."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user.organisasi_id != organisasi.pk:
        return False
    if user.peran == Pengguna.Peran.ADMIN:
        return True
    return any(
        pejabat_aktif(user, p)
        for p in Pejabat.objects.filter(
            organisasi=organisasi, peran=Pejabat.Peran.SEKRETARIS, pengguna=user
        )
    )


def get_perjanjian_for_user(user: Pengguna, pk: int) -> PerjanjianKinerja:
    """An agreement the user may read: the organisation's own agreement for everyone of the
    organisation, a unit's agreement for admins, pimpinan, that unit and its two parties.
    """
    if not user.is_authenticated:
        raise Http404
    try:
        perjanjian = PerjanjianKinerja.objects.select_related(
            "organisasi", "unit_kerja", "pihak_pertama", "pihak_kedua"
        ).get(pk=pk)
    except PerjanjianKinerja.DoesNotExist:
        raise Http404 from None
    if not (user.is_superuser or user.organisasi_id == perjanjian.organisasi_id):
        raise Http404
    if (
        perjanjian.unit_kerja_id is None
        or melihat_semua_unit(user)
        or user.unit_kerja_id == perjanjian.unit_kerja_id
        or user.pk in (perjanjian.pihak_pertama.pengguna_id, perjanjian.pihak_kedua.pengguna_id)
    ):
        return perjanjian
    raise Http404
