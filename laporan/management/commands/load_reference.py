from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inti.galat import Ditolak
from laporan.referensi import DataReferensiTidakValid, referensi_muat

FOLDER_BAKU = Path(settings.BASE_DIR) / "fixtures" / "kpu-bengkulu-utara"


class Command(BaseCommand):
    help = "Memuat data referensi satu organisasi (Renstra, PK, realisasi, anggaran, laporan)."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", nargs="?", type=Path, default=FOLDER_BAKU, help="Folder berkas TOML."
        )

    def handle(self, *args, folder: Path, **options):
        if not folder.is_dir():
            raise CommandError(f"Folder {folder} tidak ditemukan.")
        try:
            hasil = referensi_muat(folder=folder)
        except DataReferensiTidakValid as exc:
            raise CommandError(str(exc)) from exc
        except Ditolak as exc:
            raise CommandError(exc.pesan) from None
        if not hasil.jumlah_perubahan:
            self.stdout.write("Data referensi sudah terpasang; tidak ada yang berubah.")
            return
        for judul, jumlah in sorted(hasil.dibuat.items()):
            self.stdout.write(f"dibuat  {jumlah:4d} {judul}")
        for judul, jumlah in sorted(hasil.diubah.items()):
            self.stdout.write(f"diubah  {jumlah:4d} {judul}")
        self.stdout.write(self.style.SUCCESS(f"Data referensi dimuat dari {folder}."))
