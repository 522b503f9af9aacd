from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inti.angka import format_persen
from inti.galat import Ditolak
from kinerja.realisasi.baca import BerkasTidakValid
from kinerja.realisasi.impor import ImporDitolak, realisasi_impor
from organisasi.akses import is_admin
from organisasi.models import Organisasi, Pengguna


class Command(BaseCommand):
    help = (
        "Mengimpor templat realisasi yang sudah diisi: semua baris atau, bila ada baris yang "
        "salah, tidak satu pun. Nilai yang diimpor admin dari baris perintah berstatus "
        "diverifikasi; riwayatnya mencatat nama berkas."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", type=Path, help="Berkas .xlsx yang sudah diisi.")
        parser.add_argument("--org", required=True, help="Slug organisasi.")
        parser.add_argument("--year", required=True, type=int, help="Tahun.")
        parser.add_argument(
            "--konfirmasi-melebihi",
            action="store_true",
            help="Terima nilai yang lebih dari sepuluh kali target (sudah diperiksa).",
        )
        parser.add_argument(
            "--pengguna",
            default="",
            help="Nama akun admin yang dicatat pada riwayat (kosong: tanpa akun).",
        )

    def handle(self, *args, berkas, org, year, konfirmasi_melebihi, pengguna, **options):
        try:
            organisasi = Organisasi.objects.get(slug=org)
        except Organisasi.DoesNotExist:
            raise CommandError(f"Organisasi {org!r} tidak ditemukan.") from None
        admin = None
        if pengguna:
            admin = Pengguna.objects.filter(username=pengguna).first()
            if admin is None or not is_admin(admin):
                raise CommandError(f"{pengguna!r} bukan akun admin.")
            if not admin.is_superuser and admin.organisasi_id != organisasi.pk:
                raise CommandError(f"{pengguna!r} bukan admin {organisasi.nama_singkat}.")
        try:
            isi = berkas.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {berkas} tidak dapat dibaca: {exc.strerror}.") from None
        try:
            hasil = realisasi_impor(
                isi=isi,
                nama_berkas=berkas.name,
                organisasi=organisasi,
                tahun=year,
                pengguna=admin,
                baris_perintah=True,
                konfirmasi_melebihi=konfirmasi_melebihi,
            )
        except BerkasTidakValid as exc:
            raise CommandError(f"Tidak ada yang disimpan. {exc.pesan}") from None
        except ImporDitolak as exc:
            pesan = [f"Tidak ada yang disimpan: {len(exc.kesalahan)} kesalahan.", *exc.kesalahan]
            if any("sepuluh kali target" in k for k in exc.kesalahan):
                pesan.append(
                    "Bila nilai yang melebihi sepuluh kali target sudah benar, jalankan ulang "
                    "dengan --konfirmasi-melebihi."
                )
            raise CommandError("\n".join(pesan)) from None
        except Ditolak as exc:
            raise CommandError(f"Tidak ada yang disimpan. {exc.pesan}") from None
        rencana = hasil.rencana
        for p in rencana.perubahan:
            if p.hasil.persen is not None:
                capaian = f"capaian {format_persen(p.hasil.persen)}"
            else:
                capaian = str(p.hasil.status.label).lower()
            if p.kategori:
                capaian += f", {p.kategori.nama}"
            baris = f"baris {p.nomor}: {p.indikator.kode}: {p.teks_lama or '–'} → {p.teks_baru}"
            self.stdout.write(f"{baris} ({capaian})".replace("\u00a0", " "))
        self.stdout.write(
            f"{rencana.periode.label} {year}: {hasil.simpan.dibuat} nilai baru, "
            f"{hasil.simpan.diubah} nilai diubah, {rencana.tanpa_perubahan} baris tanpa "
            "perubahan. Nilai yang diimpor berstatus diverifikasi."
        )
