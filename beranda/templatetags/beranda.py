"""Beranda's server-drawn charts."""

from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from anggaran.selectors import RealisasiAnggaran
from inti.angka import format_angka, format_persen
from inti.grafik import WARNA_TEKS, Batang, Seri, grafik_batang_sempit, grafik_tumpuk
from inti.tampilan import tanda_kategori
from kinerja.capaian import CapaianSasaran
from kinerja.realisasi.selectors import ProgresUnit

register = template.Library()
SERATUS = Decimal(100)

_SERI_PROGRES = (
    Seri("Diverifikasi", "#2e7d32"),
    Seri("Diajukan", "#1f5fa8"),
    Seri("Dikembalikan", "#a15c00"),
    Seri("Draf", "#9ec5fe", WARNA_TEKS),
    Seri("Belum diisi", "#e9ecef", WARNA_TEKS),
)


@register.simple_tag
def grafik_capaian(capaian: list[CapaianSasaran], tahun: int) -> str:
    """{% grafik_capaian capaian_sasaran tahun %}: each sasaran's mean capaian against 100 %."""
    return mark_safe(  # inti.grafik escapes every text it writes
        grafik_batang_sempit(
            batang=[
                Batang(
                    f"{c.sasaran.nomor}. {c.sasaran.nama}",
                    c.rata_rata,
                    # The category's symbol and name on the bar, its tint from kategori.css.
                    f"{tanda.simbol} {tanda.nama}" if c.kategori else "",
                    f"batang-kategori {tanda.kelas}",
                )
                for c in capaian
                for tanda in [tanda_kategori(c.kategori)]
            ],
            judul=f"Rata-rata capaian per sasaran strategis tahun {tahun} terhadap target 100 %",
            kode="grafik-capaian",
            warna="#2f5d8a",
            acuan=SERATUS,
            label_acuan=f"Target {format_persen(SERATUS, 0)}",
            kosong="belum ada realisasi terverifikasi",
        )
    )


@register.simple_tag
def grafik_progres(progres: list[ProgresUnit], periode, tahun: int) -> str:
    """{% grafik_progres progres periode tahun %}: each unit's values by status."""
    return mark_safe(  # inti.grafik escapes every text it writes
        grafik_tumpuk(
            baris=[
                (
                    p.unit_kerja.nama_singkat or p.unit_kerja.nama,
                    (p.diverifikasi, p.diajukan, p.dikembalikan, p.draf, p.belum_diisi),
                    f"{format_angka(p.terisi)} dari {format_angka(p.jumlah_indikator)} terisi",
                )
                for p in progres
            ],
            seri=_SERI_PROGRES,
            judul=f"Kemajuan pengisian realisasi {periode.label} {tahun} per unit",
            kode="grafik-progres",
        )
    )


@register.simple_tag
def grafik_serapan(anggaran: RealisasiAnggaran, tahun: int) -> str:
    """{% grafik_serapan anggaran tahun %}: budget absorption per program and in total."""
    batang = [
        Batang(
            f"{p.program.kode} {p.program.nama}",
            p.serapan,
            p.kategori.nama if p.kategori else "",
        )
        for p in anggaran.program
    ]
    if anggaran.program:
        batang.append(
            Batang("Jumlah", anggaran.serapan, anggaran.kategori.nama if anggaran.kategori else "")
        )
    return mark_safe(  # inti.grafik escapes every text it writes
        grafik_batang_sempit(
            batang=batang,
            judul=f"Serapan anggaran per program tahun {tahun}",
            kode="grafik-serapan",
            warna="#3b7330",
            acuan=SERATUS,
            label_acuan=f"Target {format_persen(SERATUS, 0)}",
            kosong="realisasi belum dilaporkan",
        )
    )
