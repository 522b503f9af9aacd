from datetime import date

from django.core.management.base import BaseCommand

from kinerja.pengingat import pengingat_kirim


class Command(BaseCommand):
    help = (
        "Mengirim pengingat email hari ini (untuk cron): nilai dikembalikan, nilai menunggu "
        "verifikasi, perjanjian menunggu tanda tangan, tenggat yang mendekat. Paling banyak "
        "sekali sehari per orang untuk setiap hal."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanggal", type=date.fromisoformat, help="Hari yang dianggap hari ini (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--hari", type=int, help="Tenggat dalam sekian hari (baku: PENGINGAT_HARI_TENGGAT)."
        )

    def handle(self, *args, tanggal, hari, **options):
        terkirim = pengingat_kirim(hari_ini=tanggal, hari_tenggat=hari)
        for p in terkirim:
            self.stdout.write(f"{p.pengguna.username} <{p.pengguna.email}>: {len(p.tugas)} hal")
        self.stdout.write(f"{len(terkirim)} pengingat terkirim.")
