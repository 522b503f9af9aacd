import re
import time

from django.core.management.base import BaseCommand, CommandError

from inti.galat import Ditolak
from laporan.nasional import data_nasional_buat


def _rentang(teks: str) -> tuple[int, int]:
    cocok = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*", teks)
    if not cocok:
        raise CommandError(f"--tahun {teks!r} tidak sah: tulis mis. 2024 atau 2020-2024.")
    awal = int(cocok[1])
    return awal, int(cocok[2] or awal)


class Command(BaseCommand):
    help = (
        "Membuat data nasional SINTETIS untuk uji skala: KPU RI, KPU Provinsi dan KPU "
        "Kabupaten/Kota menurut proporsi nyata (553 = seluruh KPU), dengan target, perjanjian, "
        "pagu dan realisasi triwulanan. Organisasinya ditandai sintetis."
    )

    def add_arguments(self, parser):
        parser.add_argument("--satker", type=int, required=True, help="Jumlah satker (maks. 553).")
        parser.add_argument(
            "--tahun", default="2020-2024", help="Tahun atau rentang, mis. 2020-2024."
        )
        parser.add_argument("--seed", type=int, default=0, help="Benih acak: sama, datanya sama.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Tetap jalan walau basis data memuat satker nyata selain satker referensi.",
        )

    def handle(self, *args, satker, tahun, seed, force, **options):
        mulai = time.perf_counter()
        try:
            hasil = data_nasional_buat(jumlah=satker, tahun=_rentang(tahun), seed=seed, paksa=force)
        except Ditolak as exc:
            raise CommandError(exc.pesan) from None
        for judul, jumlah in sorted(hasil.baris.items()):
            self.stdout.write(f"dibuat {jumlah:8d} {judul}")
        s = hasil.satker
        self.stdout.write(
            self.style.SUCCESS(
                f"{sum(s.values())} satker sintetis ({s['ri']} KPU RI, {s['provinsi']} provinsi, "
                f"{s['kabkota']} kabupaten/kota), tahun {tahun}, dalam "
                f"{time.perf_counter() - mulai:.1f} detik."
            )
        )
