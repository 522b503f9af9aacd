"""Demo accounts for trying the application: never created by migrations."""

import secrets
from dataclasses import dataclass
from functools import partial

from django.db import transaction

from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja

UNIT_DEMO = ("keuangan", "teknis", "perencanaan", "parmas")


@dataclass(frozen=True)
class AkunDemo:
    username: str
    peran: str
    keterangan: str


def _akun_simpan(
    username: str,
    *,
    organisasi: Organisasi,
    password: str,
    peran: str,
    nama: str,
    unit: UnitKerja | None = None,
    pejabat: Pejabat | None = None,
    superuser: bool = False,
) -> AkunDemo:
    """Create or reset one account; an official given is linked to it."""
    user, _ = Pengguna.objects.get_or_create(username=username)
    user.first_name = nama
    user.email = f"{username}@contoh.go.id"
    user.organisasi = organisasi
    user.unit_kerja = unit
    user.peran = peran
    user.is_staff = superuser
    user.is_superuser = superuser
    user.is_active = True
    user.set_password(password)
    user.save()
    if pejabat is not None and pejabat.pengguna_id != user.pk:
        pejabat.pengguna = user
        pejabat.save(update_fields=["pengguna"])
    return AkunDemo(username, Pengguna.Peran(peran).label, nama)


def _pejabat_aktif(
    organisasi: Organisasi, peran: str, unit: UnitKerja | None = None
) -> Pejabat | None:
    """The official now holding a post (of a unit, when given)."""
    qs = Pejabat.objects.filter(organisasi=organisasi, peran=peran, selesai__isnull=True)
    if unit is not None:
        qs = qs.filter(unit_kerja=unit)
    return qs.order_by("-mulai").first()


@transaction.atomic
def akun_demo_buat(
    *, organisasi: Organisasi, password: str | None = None
) -> tuple[list[AkunDemo], str]:
    """Create or reset the demo accounts of one organisation; all get the same password."""
    password = password or secrets.token_urlsafe(12)
    simpan = partial(_akun_simpan, organisasi=organisasi, password=password)
    akun = [simpan("admin", peran=Pengguna.Peran.ADMIN, nama="Admin SAKIP", superuser=True)]
    for peran in (Pejabat.Peran.KETUA, Pejabat.Peran.SEKRETARIS):
        pj = _pejabat_aktif(organisasi, peran)
        akun.append(
            simpan(
                peran,
                peran=Pengguna.Peran.PIMPINAN,
                pejabat=pj,
                nama=pj.nama if pj else peran.label,
            )
        )
    for slug in UNIT_DEMO:
        unit = UnitKerja.objects.get(organisasi=organisasi, slug=slug)
        pj = _pejabat_aktif(organisasi, Pejabat.Peran.KEPALA_SUBBAGIAN, unit)
        nama_kepala = pj.nama if pj else f"Kepala {unit.nama}"
        akun += [
            simpan(
                f"kasubbag-{slug}",
                peran=Pengguna.Peran.KEPALA,
                unit=unit,
                pejabat=pj,
                nama=nama_kepala,
            ),
            simpan(
                f"staf-{slug}",
                peran=Pengguna.Peran.STAF,
                unit=unit,
                nama=f"Staf {unit.nama_singkat}",
            ),
        ]
    # The LKE evaluator: an Inspektorat account of the parent organisation, if there is one.
    akun.append(
        _akun_simpan(
            "inspektorat",
            organisasi=organisasi.induk or organisasi,
            password=password,
            peran=Pengguna.Peran.EVALUATOR,
            nama="Evaluator Inspektorat",
        )
    )
    return akun, password
