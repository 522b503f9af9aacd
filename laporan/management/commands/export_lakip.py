from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from laporan.dokumen import susun_dokumen
from laporan.selectors import data_lakip
from laporan.services import FinalRusak, lakip_pdf
from organisasi.models import Organisasi


class Command(BaseCommand):
    help = (
        "Menulis LAKIP satu organisasi dan tahun sebagai PDF, atau sebagai HTML mandiri "
        "(dokumen yang dicetak menjadi PDF, dengan CSS, grafik dan gambar di dalamnya)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Slug organisasi.")
        parser.add_argument("--year", required=True, type=int, help="Tahun laporan.")
        parser.add_argument("--format", choices=["pdf", "html"], default="pdf")
        parser.add_argument("--output", required=True, type=Path, help="Berkas tujuan.")
        parser.add_argument(
            "--pratinjau",
            action="store_true",
            help="Memuat realisasi yang belum diverifikasi (ditandai PRATINJAU).",
        )

    def handle(self, *args, org, year, format, output, pratinjau, **options):
        try:
            organisasi = Organisasi.objects.get(slug=org)
        except Organisasi.DoesNotExist:
            raise CommandError(f"Organisasi {org!r} tidak ditemukan.") from None
        output.parent.mkdir(parents=True, exist_ok=True)
        if format == "html":
            dokumen = susun_dokumen(
                data_lakip(organisasi=organisasi, tahun=year, pratinjau=pratinjau)
            )
            output.write_text(dokumen.html, encoding="utf-8")
            self.stdout.write(f"HTML ditulis ke {output} (sidik {dokumen.sidik[:12]}).")
            return
        try:
            pdf = lakip_pdf(organisasi=organisasi, tahun=year, pratinjau=pratinjau)
        except FinalRusak as exc:
            raise CommandError(exc.pesan) from None
        output.write_bytes(pdf.isi)
        sumber = {
            "final": f"versi final {pdf.final.versi}" if pdf.final else "",
            "cache": "dari cache, data tidak berubah",
            "baru": "dicetak baru",
        }[pdf.sumber]
        self.stdout.write(f"PDF ditulis ke {output} ({len(pdf.isi)} bita, {sumber}).")
