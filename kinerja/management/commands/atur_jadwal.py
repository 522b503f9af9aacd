from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inti.galat import Ditolak
from kinerja.realisasi.periode import jadwal_tahun_atur
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = (
        "Mengatur tanggal tutup pengisian realisasi semua periode satu tahun (mis. membuka "
        "tahun referensi untuk dicoba). Periode tanpa jadwal tertutup pada batas bakunya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Slug organisasi.")
        parser.add_argument("--tahun", required=True, type=int, help="Tahun.")
        waktu = parser.add_mutually_exclusive_group(required=True)
        waktu.add_argument("--tutup", type=date.fromisoformat, help="Tanggal tutup (YYYY-MM-DD).")
        waktu.add_argument("--hari", type=int, help="Tutup sekian hari dari hari ini.")
        parser.add_argument("--alasan", default="Jadwal diatur dari baris perintah.")

    def handle(self, *args, org, tahun, tutup, hari, alasan, **options):
        organisasi = Organisasi.objects.filter(slug=org).first()
        if organisasi is None:
            raise CommandError(f"Organisasi {org!r} tidak ditemukan.")
        tanggal = tutup or timezone.localdate() + timedelta(days=hari)
        try:
            jadwal_tahun_atur(
                organisasi=organisasi, tahun=tahun, tanggal_tutup=tanggal, alasan=alasan
            )
        except Ditolak as exc:
            raise CommandError(exc.pesan) from None
        self.stdout.write(f"Pengisian {organisasi.nama_singkat} {tahun} ditutup {tanggal}.")
