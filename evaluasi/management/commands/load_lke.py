from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluasi.struktur import BERKAS_BAKU, StrukturLkeTidakValid, lke_muat


class Command(BaseCommand):
    help = "Memuat struktur LKE (komponen, sub-komponen, kriteria) dari berkas TOML."

    def add_arguments(self, parser):
        parser.add_argument(
            "berkas", nargs="?", type=Path, default=BERKAS_BAKU, help="Berkas TOML struktur LKE."
        )

    def handle(self, *args, berkas: Path, **options):
        if not berkas.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        try:
            hasil = lke_muat(berkas=berkas)
        except StrukturLkeTidakValid as exc:
            raise CommandError(str(exc)) from exc
        if not (hasil.dibuat or hasil.diubah):
            self.stdout.write("Struktur LKE sudah terpasang; tidak ada yang berubah.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{hasil.kerangka}: {len(hasil.kode_kriteria)} kriteria "
                f"({hasil.dibuat} dibuat, {hasil.diubah} diubah)."
            )
        )
