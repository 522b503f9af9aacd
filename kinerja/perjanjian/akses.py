"""Who may read, draft and sign an agreement."""

from django.db.models import Q
from django.http import Http404

from kinerja.models import PerjanjianKinerja
from organisasi.akses import boleh_baca, melihat_semua_unit, pejabat_aktif
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
    if not boleh_baca(user, perjanjian.organisasi):
        raise Http404
    if (
        perjanjian.unit_kerja_id is None
        or melihat_semua_unit(user)
        or user.unit_kerja_id == perjanjian.unit_kerja_id
        or user.pk in (perjanjian.pihak_pertama.pengguna_id, perjanjian.pihak_kedua.pengguna_id)
    ):
        return perjanjian
    raise Http404


def menunggu_tanda_tangan(pejabat: Pejabat) -> list[PerjanjianKinerja]:
    """Agreements still waiting for this official's signature: a draft naming them as either
    party, or a half-signed one naming them as pihak kedua."""
    return list(
        PerjanjianKinerja.objects.filter(
            Q(status=PerjanjianKinerja.Status.DRAF, pihak_pertama=pejabat)
            | Q(
                status__in=[PerjanjianKinerja.Status.DRAF, PerjanjianKinerja.Status.SEBAGIAN],
                pihak_kedua=pejabat,
            )
        ).select_related("organisasi", "unit_kerja")
    )


def pesan_ganti_akun(pejabat: Pejabat, pengguna_baru: Pengguna | None) -> str | None:
    """Why the account that signs for this official may not change now (None: it may).

    Otherwise whoever edits officials could point it at their own account, sign with their
    own password, and point it back. Linking an official that has no account yet stays
    possible (and is recorded in the official's history). The database refuses the same
    change by trigger (kinerja migration 0007), for every other path.
    """
    if pejabat.pk is None:
        return None
    lama = Pejabat.objects.filter(pk=pejabat.pk).values_list("pengguna_id", flat=True).first()
    baru = pengguna_baru.pk if pengguna_baru else None
    if lama is None or lama == baru:
        return None
    menunggu = menunggu_tanda_tangan(pejabat)
    if not menunggu:
        return None
    return (
        f"Akun pengguna {pejabat.nama} tidak dapat diganti atau dilepas selama perjanjian "
        f"kinerja berikut menunggu tanda tangannya: {'; '.join(str(p) for p in menunggu)}."
    )
