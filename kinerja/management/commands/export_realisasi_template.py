from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kinerja.models import Periode
from kinerja.realisasi.templat import templat_realisasi
from organisasi.models import Organisasi, UnitKerja


class Command(BaseCommand):
    help = (
        "Menulis templat Excel realisasi satu organisasi (atau satu unit) untuk satu tahun dan "
        "periode: satu baris per indikator, terisi nilai yang tersimpan sekarang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Slug organisasi.")
        parser.add_argument("--year", required=True, type=int, help="Tahun.")
        parser.add_argument("--unit", default="", help="Slug unit kerja; kosong: semua unit.")
        parser.add_argument(
            "--period", choices=Periode.values, default=Periode.TAHUNAN, help="Periode."
        )
        parser.add_argument("--output", required=True, type=Path, help="Berkas .xlsx tujuan.")

    def handle(self, *args, org, year, unit, period, output, **options):
        try:
            organisasi = Organisasi.objects.get(slug=org)
        except Organisasi.DoesNotExist:
            raise CommandError(f"Organisasi {org!r} tidak ditemukan.") from None
        unit_kerja = None
        if unit:
            try:
                unit_kerja = UnitKerja.objects.get(organisasi=organisasi, slug=unit)
            except UnitKerja.DoesNotExist:
                raise CommandError(f"Unit kerja {unit!r} tidak ditemukan.") from None
        isi = templat_realisasi(
            organisasi=organisasi, tahun=year, periode=period, unit_kerja=unit_kerja
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(isi)
        self.stdout.write(f"Templat {Periode(period).label} {year} ditulis ke {output}.")
