from django.core.management.base import BaseCommand, CommandError

from inti.galat import Ditolak
from laporan.satker import satker_buat
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = (
        "Membuat satker baru dari templat (fixtures/templat/): unit kerja, katalog sasaran dan "
        "indikator Renstra tanpa target, skala ordinal, program dan kegiatan tanpa pagu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--templat", required=True, help="Nama templat, mis. kpu-kabkota.")
        parser.add_argument("--slug", required=True, help="Slug satker baru, mis. kpu-contoh.")
        parser.add_argument("--nama", required=True, help="Nama lengkap satker.")
        parser.add_argument(
            "--nama-singkat", default="", help="Nama singkat (bawaan: menurut templat)."
        )
        parser.add_argument("--induk", default="", help="Slug organisasi induk.")

    def handle(self, *args, templat, slug, nama, nama_singkat, induk, **options):
        org_induk = None
        if induk:
            org_induk = Organisasi.objects.filter(slug=induk).first()
            if org_induk is None:
                raise CommandError(f"Organisasi induk {induk!r} tidak ditemukan.")
        try:
            baru = satker_buat(
                templat=templat,
                slug=slug,
                nama=nama,
                nama_singkat=nama_singkat,
                induk=org_induk,
                oleh=None,
            )
        except Ditolak as exc:
            raise CommandError(exc.pesan) from None
        for judul, jumlah in sorted(baru.hasil.dibuat.items(), key=lambda x: str(x[0])):
            self.stdout.write(f"dibuat  {jumlah:4d} {judul}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Satker {baru.organisasi.nama_singkat} ({slug}) dibuat dari templat {templat}. "
                "Pejabat, target dan pagu diisi sesudahnya."
            )
        )
