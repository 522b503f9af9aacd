"""Who may read and write an LKE: the one helper every view and service asks.

- read: organisasi.akses.boleh_baca: every person of the organisation (the worksheet is the
  organisation's, not a unit's), and the admins, pimpinan and evaluators of its parents.
  Anyone else gets 404, so that its existence is not revealed.
- the self-assessment: the organisation's admins and pimpinan (superusers too);
- the evaluation: an evaluator (Pengguna.Peran.EVALUATOR) of the organisation itself or of one
  of its parents (Organisasi.induk, at any depth).
"""

from django.http import Http404

from organisasi.akses import boleh_baca, is_admin, is_pimpinan, leluhur_ids
from organisasi.models import Organisasi, Pengguna


def is_evaluator_untuk(user: Pengguna, organisasi: Organisasi) -> bool:
    return (
        user.is_authenticated
        and user.peran == Pengguna.Peran.EVALUATOR
        and (user.organisasi_id == organisasi.pk or user.organisasi_id in leluhur_ids(organisasi))
    )


def boleh_mengisi_mandiri(user: Pengguna, organisasi: Organisasi) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.organisasi_id == organisasi.pk and (is_admin(user) or is_pimpinan(user))


def boleh_mengevaluasi(user: Pengguna, organisasi: Organisasi) -> bool:
    return is_evaluator_untuk(user, organisasi)


def boleh_menulis(user: Pengguna, organisasi: Organisasi) -> bool:
    """Either side: who may open a new evaluation or follow up a recommendation."""
    return boleh_mengisi_mandiri(user, organisasi) or boleh_mengevaluasi(user, organisasi)


def boleh_membaca(user: Pengguna, organisasi: Organisasi) -> bool:
    return boleh_baca(user, organisasi)


def get_organisasi_lke_for_user(user: Pengguna, slug: str) -> Organisasi:
    """The organisation named in the URL, if the user may read its LKE; else 404."""
    organisasi = Organisasi.objects.select_related("induk").filter(slug=slug).first()
    if organisasi is None or not boleh_membaca(user, organisasi):
        raise Http404
    return organisasi
