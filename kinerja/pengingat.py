"""Daily email reminders: what waits for each person, at most once a day per thing.

A plain function so that cron (manage.py kirim_pengingat) and, later, a periodic background
task call the same job. Mail goes through Django's mail framework (EMAIL_BACKEND: the
console by default, SMTP by settings).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from kinerja.models import PengingatTerkirim
from kinerja.realisasi.periode import tahun_berjalan
from kinerja.tugas import Tugas, tugas_mendesak, tugas_tenggat
from organisasi.models import Organisasi, Pengguna


@dataclass(frozen=True)
class Pengingat:
    pengguna: Pengguna
    tugas: list[Tugas]


def pengingat_kirim(
    *, hari_ini: date | None = None, hari_tenggat: int | None = None
) -> list[Pengingat]:
    """Mail every active person who has an address and has not switched reminders off what
    waits for them (a value returned, values to verify, an agreement to sign, a deadline
    within `hari_tenggat` days) and was not mailed to them yet today. One mail per person."""
    hari_ini = hari_ini or timezone.localdate()
    if hari_tenggat is None:
        hari_tenggat = settings.PENGINGAT_HARI_TENGGAT
    tahun: dict[int, int | None] = {}
    terkirim: list[Pengingat] = []
    penerima = (
        Pengguna.objects.filter(is_active=True, terima_pengingat=True, organisasi__isnull=False)
        .exclude(email="")
        .select_related("organisasi", "unit_kerja__organisasi")
        .order_by("organisasi", "username")
    )
    for pengguna in penerima:
        organisasi: Organisasi = pengguna.organisasi  # type: ignore[assignment]
        if organisasi.pk not in tahun:
            tahun[organisasi.pk] = tahun_berjalan(organisasi=organisasi, hari_ini=hari_ini)
        tugas = _tugas(pengguna, tahun[organisasi.pk], hari_ini, hari_tenggat)
        if tugas:
            _kirim(pengguna, tugas, hari_ini)
            terkirim.append(Pengingat(pengguna, tugas))
    return terkirim


def _tugas(pengguna: Pengguna, tahun: int | None, hari_ini: date, hari: int) -> list[Tugas]:
    tugas = tugas_mendesak(pengguna=pengguna, tahun=tahun)
    if tahun is not None:
        tugas += [
            t
            for t in tugas_tenggat(pengguna=pengguna, tahun=tahun, hari_ini=hari_ini, hari=hari)
            if not t.terlambat
        ]
    sudah = set(
        PengingatTerkirim.objects.filter(pengguna=pengguna, tanggal=hari_ini).values_list(
            "jenis", "kunci"
        )
    )
    return [t for t in tugas if (t.jenis, t.kunci) not in sudah]


@transaction.atomic
def _kirim(pengguna: Pengguna, tugas: list[Tugas], hari_ini: date) -> None:
    """Record, then send: a failed send rolls the record back, so tomorrow's run (or a rerun
    today) tries again; the unique constraint stops a concurrent run from mailing twice."""
    PengingatTerkirim.objects.bulk_create(
        [
            PengingatTerkirim(pengguna=pengguna, jenis=t.jenis, kunci=t.kunci, tanggal=hari_ini)
            for t in tugas
        ]
    )
    situs = settings.SITE_URL.rstrip("/")
    baris = [
        f"- {t.judul}: {t.keterangan}" + (f"\n  {situs}{t.url}" if t.url else "") for t in tugas
    ]
    send_mail(
        subject=f"[SAKIP] {len(tugas)} hal menunggu Anda",
        message=(
            f"Yth. {pengguna.nama_tampilan},\n\n"
            "Hal berikut menunggu Anda di aplikasi SAKIP:\n\n"
            + "\n".join(baris)
            + "\n\nPengingat ini dikirim paling banyak sekali sehari. Untuk berhenti menerimanya, "
            f"buka {situs}/akun/pengaturan/ dan matikan pengingat email.\n"
        ),
        from_email=None,
        recipient_list=[pengguna.email],
    )
