import os

from django.core.management.base import BaseCommand, CommandError

from organisasi.demo import akun_demo_buat
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = (
        "Membuat (atau mengatur ulang) akun demo; kata sandi dari DEMO_PASSWORD atau dibuat acak."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", default="kpu-bengkulu-utara", help="Slug organisasi.")

    def handle(self, *args, org: str, **options):
        try:
            organisasi = Organisasi.objects.get(slug=org)
        except Organisasi.DoesNotExist:
            raise CommandError(
                f"Organisasi {org!r} belum ada. Jalankan load_reference dulu."
            ) from None
        akun, password = akun_demo_buat(
            organisasi=organisasi, password=os.environ.get("DEMO_PASSWORD") or None
        )
        self.stdout.write("Akun demo:")
        for a in akun:
            self.stdout.write(f"  {a.username:22} {a.peran:17} {a.keterangan}")
        self.stdout.write(f"Kata sandi semua akun demo: {password}")
