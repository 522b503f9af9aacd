from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inti.galat import Ditolak
from laporan.rencana.impor import rencana_impor


class Command(BaseCommand):
    help = (
        "Memuat buku kerja rencana (hasil export_rencana) ke satu organisasi, seluruhnya atau "
        "tidak sama sekali; --create membuat organisasinya."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Slug organisasi tujuan.")
        parser.add_argument("--create", action="store_true", help="Buat organisasi baru.")
        parser.add_argument("berkas", type=Path, help="Berkas .xlsx.")

    def handle(self, *args, org, create, berkas, **options):
        try:
            isi = berkas.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {berkas} tidak dapat dibaca: {exc.strerror}.") from None
        try:
            hasil = rencana_impor(pengguna=None, slug=org, isi=isi, buat=create)
        except Ditolak as exc:
            raise CommandError("\n".join(exc.daftar)) from None
        for r in hasil.lembar:
            self.stdout.write(f"{r.nama}: {r.baru} baru, {r.diubah} diubah, {r.tetap} tetap")
        if hasil.jumlah_perubahan:
            self.stdout.write(f"Selesai: {hasil.jumlah_perubahan} perubahan.")
        else:
            self.stdout.write("Tidak ada perubahan.")
