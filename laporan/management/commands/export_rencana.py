from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inti.galat import Ditolak
from laporan.rencana.ekspor import rencana_ekspor
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = (
        "Menulis struktur dan rencana satu organisasi untuk satu tahun sebagai satu buku kerja "
        "(.xlsx): satu lembar per jenis data, dapat dimuat lagi dengan import_rencana."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Slug organisasi.")
        parser.add_argument("--year", required=True, type=int, help="Tahun rencana.")
        parser.add_argument("--output", required=True, type=Path, help="Berkas .xlsx tujuan.")

    def handle(self, *args, org, year, output, **options):
        try:
            organisasi = Organisasi.objects.get(slug=org)
        except Organisasi.DoesNotExist:
            raise CommandError(f"Organisasi {org!r} tidak ditemukan.") from None
        try:
            isi = rencana_ekspor(organisasi=organisasi, tahun=year)
        except Ditolak as exc:
            raise CommandError(exc.pesan) from None
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(isi)
        self.stdout.write(f"Buku kerja ditulis ke {output} ({len(isi)} bita).")
