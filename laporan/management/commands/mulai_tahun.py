from django.core.management.base import BaseCommand, CommandError

from inti.galat import Ditolak
from laporan.tahun_baru import tahun_baru_mulai
from organisasi.models import Organisasi, Pengguna


class Command(BaseCommand):
    help = (
        "Memulai tahun baru sebuah organisasi: pejabat diteruskan, draf perjanjian kinerja "
        "organisasi dan setiap subbagian dibuat (dari target Renstra, atau disalin dari tahun "
        "lalu), periode pengisian dibuka dengan batas bakunya, narasi laporan tahun lalu disalin "
        "untuk ditinjau. Semua atau tidak sama sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Slug organisasi.")
        parser.add_argument("--tahun", required=True, type=int, help="Tahun yang dimulai.")
        parser.add_argument(
            "--pengguna", required=True, help="Nama akun admin organisasi yang menjalankannya."
        )

    def handle(self, *args, org, tahun, pengguna, **options):
        organisasi = Organisasi.objects.filter(slug=org).first()
        if organisasi is None:
            raise CommandError(f"Organisasi {org!r} tidak ditemukan.")
        oleh = Pengguna.objects.filter(username=pengguna).first()
        if oleh is None:
            raise CommandError(f"Akun {pengguna!r} tidak ditemukan.")
        try:
            hasil = tahun_baru_mulai(organisasi=organisasi, tahun=tahun, oleh=oleh)
        except Ditolak as exc:
            raise CommandError(f"Tidak ada yang disimpan. {exc.pesan}") from None
        for p in hasil.perjanjian:
            self.stdout.write(f"Draf dibuat: {p}")
        for p in hasil.pejabat_diperpanjang:
            self.stdout.write(f"Masa jabatan diperpanjang: {p}")
        self.stdout.write(
            f"Tahun {tahun} dimulai: {len(hasil.perjanjian)} draf perjanjian kinerja, "
            f"{len(hasil.periode)} periode dijadwalkan, narasi "
            + ("disalin (perlu ditinjau)." if hasil.laporan else "tidak disalin.")
        )
