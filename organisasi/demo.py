"""Demo accounts for trying the application: never created by migrations."""

import secrets
from dataclasses import dataclass

from django.db import transaction

from organisasi.models import Organisasi, Pejabat, Pengguna, UnitKerja

UNIT_DEMO = ("keuangan", "teknis", "perencanaan", "parmas")


@dataclass(frozen=True)
class AkunDemo:
    username: str
    peran: str
    keterangan: str


@transaction.atomic
def akun_demo_buat(
    *, organisasi: Organisasi, password: str | None = None
) -> tuple[list[AkunDemo], str]:
    """Create or reset the demo accounts of one organisation; all get the same password."""
    password = password or secrets.token_urlsafe(12)
    akun: list[AkunDemo] = []

    def simpan(
        username: str,
        *,
        peran: str,
        unit: UnitKerja | None = None,
        pejabat: Pejabat | None = None,
        nama: str,
        superuser: bool = False,
        milik: Organisasi | None = None,
    ) -> None:
        user, _ = Pengguna.objects.get_or_create(username=username)
        user.first_name = nama
        user.email = f"{username}@contoh.go.id"
        user.organisasi = milik or organisasi
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
        akun.append(AkunDemo(username, Pengguna.Peran(peran).label, nama))

    def pejabat(peran: str, unit: UnitKerja | None = None) -> Pejabat | None:
        qs = Pejabat.objects.filter(organisasi=organisasi, peran=peran, selesai__isnull=True)
        if unit is not None:
            qs = qs.filter(unit_kerja=unit)
        return qs.order_by("-mulai").first()

    simpan("admin", peran=Pengguna.Peran.ADMIN, nama="Admin SAKIP", superuser=True)
    for peran in (Pejabat.Peran.KETUA, Pejabat.Peran.SEKRETARIS):
        pj = pejabat(peran)
        simpan(
            peran, peran=Pengguna.Peran.PIMPINAN, pejabat=pj, nama=pj.nama if pj else peran.label
        )
    for slug in UNIT_DEMO:
        unit = UnitKerja.objects.get(organisasi=organisasi, slug=slug)
        pj = pejabat(Pejabat.Peran.KEPALA_SUBBAGIAN, unit)
        simpan(
            f"kasubbag-{slug}",
            peran=Pengguna.Peran.KEPALA,
            unit=unit,
            pejabat=pj,
            nama=pj.nama if pj else f"Kepala {unit.nama}",
        )
        simpan(
            f"staf-{slug}", peran=Pengguna.Peran.STAF, unit=unit, nama=f"Staf {unit.nama_singkat}"
        )
    # The LKE evaluator: an Inspektorat account of the parent organisation, if there is one.
    simpan(
        "inspektorat",
        peran=Pengguna.Peran.EVALUATOR,
        nama="Evaluator Inspektorat",
        milik=organisasi.induk or organisasi,
    )
    return akun, password
